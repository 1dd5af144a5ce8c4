import { contextPageSeqs, countContext, findMessageViewsBySeq } from '@parley/db/repositories/messages';
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

const CURSORS = directionCursors('messages:context');

/** Context pages are larger by default than other lists (docs/api.md). */
const CONTEXT_DEFAULT_LIMIT = 50;

/**
 * What an agent needs to resume work in a room (docs/messages.md), oldest first (or newest first, and
 * between two messages: a Parley extension): every message it sent, of
 * any type, and every text message that mentions it. Other agents' events and messages that do
 * not mention it are not included. Without pagination parameters the first cursor page is served.
 */
export async function getAgentContext(
  deps: CoreDeps,
  identity: AgentIdentity,
  roomId: string,
  query: (PageQuery & HistoryQuery) | undefined,
) {
  const q = query ?? {};
  const order = q.order ?? 'asc';
  const CURSOR = CURSORS[order];
  await requireMembership(deps.db, roomId, identity.agentId);
  const offsetStyle = q.page !== undefined || q.page_size !== undefined;
  refuseBoundsWithOffsetPages(q);
  const request = resolvePageRequest(q, {
    defaultLimit: offsetStyle ? 20 : CONTEXT_DEFAULT_LIMIT,
    fallback: 'cursor',
  });
  const { afterSeq, beforeSeq } = await resolveHistoryRange(deps, roomId, q, request, CURSOR);
  const [seqs, total] = await Promise.all([
    contextPageSeqs(deps.db, {
      roomId,
      agentId: identity.agentId,
      afterSeq,
      beforeSeq,
      order,
      limit: request.limit + 1,
      offset: request.style === 'offset' ? request.offset : 0,
    }),
    request.style === 'offset' ? countContext(deps.db, roomId, identity.agentId) : undefined,
  ]);
  const rows = await findMessageViewsBySeq(deps.db, seqs);
  if (order === 'desc') rows.reverse();
  const page = messagePage(rows, request, CURSOR, total);
  const messages = await withDeliveryStatus(deps.db, page.rows, { kind: 'agent', agentId: identity.agentId });
  return { messages, metadata: page.metadata };
}
