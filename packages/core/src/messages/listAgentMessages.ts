import { countQueue, type QueueFilter, queuePageSeqs } from '@parley/db/repositories/messageDeliveries';
import { findMessageViewsBySeq } from '@parley/db/repositories/messages';
import type { AgentIdentity } from '../auth/identity.js';
import { decodeSeqCursor } from '../chats/cursorValues.js';
import { requireMembership } from '../chats/roomAccess.js';
import type { CoreDeps } from '../deps.js';
import { type PageQuery, resolvePageRequest } from '../pagination/pageRequest.js';
import { messagePage } from './messagePage.js';
import { withDeliveryStatus } from './messageViews.js';

export interface ListAgentMessagesQuery extends PageQuery {
  status?: Exclude<QueueFilter, undefined> | undefined;
}

const CURSOR = { sort: 'messages:queue', order: 'asc' } as const;

/**
 * An agent's queue in a room (docs/processing.md): the text messages that mention it, oldest first, by
 * processing status. No status = everything not processed yet, including messages stuck in
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
  const request = resolvePageRequest(q);
  const afterSeq = request.style === 'cursor' && request.cursor ? decodeSeqCursor(request.cursor, CURSOR).seq : 0;
  const selection = { agentId: identity.agentId, roomId, filter: q.status };
  const [seqs, total] = await Promise.all([
    queuePageSeqs(deps.db, {
      ...selection,
      afterSeq,
      limit: request.limit + 1,
      offset: request.style === 'offset' ? request.offset : 0,
    }),
    request.style === 'offset' ? countQueue(deps.db, identity.agentId, roomId, q.status) : undefined,
  ]);
  const page = messagePage(await findMessageViewsBySeq(deps.db, seqs), request, CURSOR, total);
  const messages = await withDeliveryStatus(deps.db, page.rows, { kind: 'agent', agentId: identity.agentId });
  return { messages, metadata: { ...page.metadata, status_filter: q.status ?? null } };
}
