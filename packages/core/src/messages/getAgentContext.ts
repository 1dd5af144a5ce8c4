import {
  contextPageSeqs,
  countContext,
  findMessageViewsBySeq,
  seqOfMessageInRoom,
} from '@parley/db/repositories/messages';
import { validationError } from '../appError.js';
import type { AgentIdentity } from '../auth/identity.js';
import { decodeSeqCursor } from '../chats/cursorValues.js';
import { requireMembership } from '../chats/roomAccess.js';
import type { CoreDeps } from '../deps.js';
import { type PageQuery, resolvePageRequest } from '../pagination/pageRequest.js';
import { messagePage } from './messagePage.js';
import { withDeliveryStatus } from './messageViews.js';

const CURSORS = {
  asc: { sort: 'messages:context', order: 'asc' },
  desc: { sort: 'messages:context', order: 'desc' },
} as const;

/** Parley's extension of the context query: direction and bounds (docs/history-directions.md). */
export interface HistoryQuery {
  order?: 'asc' | 'desc' | undefined;
  before?: string | undefined;
  after?: string | undefined;
}

async function boundSeq(deps: CoreDeps, roomId: string, messageId: string | undefined, pointer: string) {
  if (messageId === undefined) return undefined;
  const seq = await seqOfMessageInRoom(deps.db, roomId, messageId);
  if (seq === undefined) throw validationError(pointer, 'is not a message of this room');
  return seq;
}
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
  if (offsetStyle && (q.before !== undefined || q.after !== undefined)) {
    throw validationError(
      q.before !== undefined ? '/before' : '/after',
      'works with cursor/limit pages, not page/page_size',
    );
  }
  const request = resolvePageRequest(q, {
    defaultLimit: offsetStyle ? 20 : CONTEXT_DEFAULT_LIMIT,
    fallback: 'cursor',
  });
  const [afterBound, beforeBound] = [
    await boundSeq(deps, roomId, q.after, '/after'),
    await boundSeq(deps, roomId, q.before, '/before'),
  ];
  // The cursor continues in the page's direction: past its last row, within the bounds.
  const at = request.style === 'cursor' && request.cursor ? decodeSeqCursor(request.cursor, CURSOR).seq : undefined;
  const afterSeq = Math.max(afterBound ?? 0, order === 'asc' ? (at ?? 0) : 0);
  const beforeSeq = Math.min(
    beforeBound ?? Number.MAX_SAFE_INTEGER,
    order === 'desc' ? (at ?? Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER,
  );
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
