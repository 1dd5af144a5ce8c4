import { countQueue, type QueueFilter, queuePageSeqs } from '@parley/db/repositories/messageDeliveries';
import { findMessageViewsBySeq } from '@parley/db/repositories/messages';
import type { AgentIdentity } from '../auth/identity.js';
import { requireMembership } from '../chats/roomAccess.js';
import type { CoreDeps } from '../deps.js';
import { type PageQuery, resolvePageRequest } from '../pagination/pageRequest.js';
import {
  directionCursors,
  type HistoryQuery,
  refuseBoundsWithOffsetPages,
  resolveHistoryRange,
} from './historyRange.js';
import { messagePage } from './messagePage.js';
import { withDeliveryStatus } from './messageViews.js';

export interface ListAgentMessagesQuery extends PageQuery, HistoryQuery {
  status?: Exclude<QueueFilter, undefined> | undefined;
}

const CURSORS = directionCursors('messages:queue');

/**
 * An agent's queue in a room (docs/processing.md): the text messages that mention it, oldest first
 * (or newest first, within `before`/`after` bounds: docs/history-directions.md), by processing status. No status = everything not processed yet, including messages stuck in
 * `processing` after a crash.
 */
export async function listAgentMessages(
  deps: CoreDeps,
  identity: AgentIdentity,
  roomId: string,
  query: ListAgentMessagesQuery | undefined,
) {
  const q = query ?? {};
  await requireMembership(deps.db, roomId, identity.agentId);
  const order = q.order ?? 'asc';
  const CURSOR = CURSORS[order];
  refuseBoundsWithOffsetPages(q);
  const request = resolvePageRequest(q);
  const { afterSeq, beforeSeq } = await resolveHistoryRange(deps, roomId, q, request, CURSOR);
  const selection = { agentId: identity.agentId, roomId, filter: q.status };
  const [seqs, total] = await Promise.all([
    queuePageSeqs(deps.db, {
      ...selection,
      afterSeq,
      beforeSeq,
      order,
      limit: request.limit + 1,
      offset: request.style === 'offset' ? request.offset : 0,
    }),
    request.style === 'offset' ? countQueue(deps.db, identity.agentId, roomId, q.status) : undefined,
  ]);
  const rows = await findMessageViewsBySeq(deps.db, seqs);
  if (order === 'desc') rows.reverse();
  const page = messagePage(rows, request, CURSOR, total);
  const messages = await withDeliveryStatus(deps.db, page.rows, { kind: 'agent', agentId: identity.agentId });
  return { messages, metadata: { ...page.metadata, status_filter: q.status ?? null } };
}
