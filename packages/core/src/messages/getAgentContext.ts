import { contextPageSeqs, countContext, findMessageViewsBySeq } from '@parley/db/repositories/messages';
import type { AgentIdentity } from '../auth/identity.js';
import { decodeSeqCursor } from '../chats/cursorValues.js';
import { requireMembership } from '../chats/roomAccess.js';
import type { CoreDeps } from '../deps.js';
import { type PageQuery, resolvePageRequest } from '../pagination/pageRequest.js';
import { messagePage } from './messagePage.js';
import { withDeliveryStatus } from './messageViews.js';

const CURSOR = { sort: 'messages:context', order: 'asc' } as const;
/** Context pages are larger by default than other lists (docs/api.md). */
const CONTEXT_DEFAULT_LIMIT = 50;

/**
 * What an agent needs to resume work in a room (docs/messages.md), oldest first: every message it sent, of
 * any type, and every text message that mentions it. Other agents' events and messages that do
 * not mention it are not included. Without pagination parameters the first cursor page is served.
 */
export async function getAgentContext(
  deps: CoreDeps,
  identity: AgentIdentity,
  roomId: string,
  query: PageQuery | undefined,
) {
  const q = query ?? {};
  await requireMembership(deps.db, roomId, identity.agentId);
  const offsetStyle = q.page !== undefined || q.page_size !== undefined;
  const request = resolvePageRequest(q, {
    defaultLimit: offsetStyle ? 20 : CONTEXT_DEFAULT_LIMIT,
    fallback: 'cursor',
  });
  const afterSeq = request.style === 'cursor' && request.cursor ? decodeSeqCursor(request.cursor, CURSOR).seq : 0;
  const [seqs, total] = await Promise.all([
    contextPageSeqs(deps.db, {
      roomId,
      agentId: identity.agentId,
      afterSeq,
      limit: request.limit + 1,
      offset: request.style === 'offset' ? request.offset : 0,
    }),
    request.style === 'offset' ? countContext(deps.db, roomId, identity.agentId) : undefined,
  ]);
  const page = messagePage(await findMessageViewsBySeq(deps.db, seqs), request, CURSOR, total);
  const messages = await withDeliveryStatus(deps.db, page.rows, { kind: 'agent', agentId: identity.agentId });
  return { messages, metadata: page.metadata };
}
