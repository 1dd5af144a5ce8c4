import { countHumanMessages, type HumanMessageFilters, listHumanMessages } from '@parley/db/repositories/messages';
import type { MessageType } from '@parley/db/tables/messages';
import { validationError } from '../appError.js';
import type { UserIdentity } from '../auth/identity.js';
import { isSqlTimestamp } from '../chats/cursorValues.js';
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

export interface ListRoomMessagesQuery extends PageQuery, HistoryQuery {
  message_type?: MessageType | undefined;
  since?: string | undefined;
}

const CURSORS = directionCursors('messages:room');

/**
 * What a human reads of a room: every message except the platform's internal types, newest first,
 * optionally of one type or newer than `since`, each text message with its `delivery_status`.
 * `order=asc` and `before`/`after` bounds: docs/history-directions.md.
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
  const order = q.order ?? 'desc';
  const CURSOR = CURSORS[order];
  refuseBoundsWithOffsetPages(q);
  const request = resolvePageRequest(q);
  const { afterSeq, beforeSeq } = await resolveHistoryRange(deps, roomId, q, request, CURSOR);
  const filters: HumanMessageFilters = { roomId, messageType: q.message_type, since: q.since };
  const [rows, total] = await Promise.all([
    listHumanMessages(deps.db, filters, {
      limit: request.limit + 1,
      offset: request.style === 'offset' ? request.offset : undefined,
      afterSeq,
      beforeSeq,
      order,
    }),
    request.style === 'offset' ? countHumanMessages(deps.db, filters) : undefined,
  ]);
  const page = messagePage(rows, request, CURSOR, total);
  return { messages: await withDeliveryStatus(deps.db, page.rows, { kind: 'human' }), metadata: page.metadata };
}
