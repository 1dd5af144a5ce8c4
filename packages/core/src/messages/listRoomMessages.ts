import { countHumanMessages, type HumanMessageFilters, listHumanMessages } from '@parley/db/repositories/messages';
import type { MessageType } from '@parley/db/tables/messages';
import { validationError } from '../appError.js';
import type { UserIdentity } from '../auth/identity.js';
import { decodeSeqCursor, isSqlTimestamp } from '../chats/cursorValues.js';
import { requireMembership } from '../chats/roomAccess.js';
import type { CoreDeps } from '../deps.js';
import { type PageQuery, resolvePageRequest } from '../pagination/pageRequest.js';
import { messagePage } from './messagePage.js';
import { withDeliveryStatus } from './messageViews.js';

export interface ListRoomMessagesQuery extends PageQuery {
  message_type?: MessageType | undefined;
  since?: string | undefined;
}

const CURSOR = { sort: 'messages:room', order: 'desc' } as const;

/**
 * What a human reads of a room: every message except the platform's internal types, newest first,
 * optionally of one type or newer than `since`, each text message with its `delivery_status`.
 * `since` pages by offset only (with a cursor → 422).
 */
export async function listRoomMessages(
  deps: CoreDeps,
  identity: UserIdentity,
  roomId: string,
  query: ListRoomMessagesQuery | undefined,
) {
  const q = query ?? {};
  await requireMembership(deps.db, roomId, identity.userId);
  if (q.since !== undefined && q.cursor !== undefined) {
    throw validationError('/since', 'cannot be combined with cursor');
  }
  if (q.since !== undefined && !isSqlTimestamp(q.since)) throw validationError('/since', 'is not a valid time');
  const request = resolvePageRequest(q);
  const beforeSeq =
    request.style === 'cursor' && request.cursor ? decodeSeqCursor(request.cursor, CURSOR).seq : undefined;
  const filters: HumanMessageFilters = { roomId, messageType: q.message_type, since: q.since };
  const [rows, total] = await Promise.all([
    listHumanMessages(deps.db, filters, {
      limit: request.limit + 1,
      offset: request.style === 'offset' ? request.offset : undefined,
      beforeSeq,
    }),
    request.style === 'offset' ? countHumanMessages(deps.db, filters) : undefined,
  ]);
  const page = messagePage(rows, request, CURSOR, total);
  return { messages: await withDeliveryStatus(deps.db, page.rows, { kind: 'human' }), metadata: page.metadata };
}
