import {
  countRoomsOf,
  isRoomOf,
  listRoomsOf,
  type RoomListBounds,
  type RoomListFilters,
  type RoomSortField,
} from '@parley/db/repositories/chatRooms';
import type { ChatRoomsTable } from '@parley/db/tables/chatRooms';
import { validationError } from '../appError.js';
import { type Identity, principalIdOf } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { refuseBoundsWithOffsetPages } from '../messages/historyRange.js';
import { encodeCursor } from '../pagination/cursor.js';
import { offsetMetadata, type PageQuery, resolvePageRequest } from '../pagination/pageRequest.js';
import { decodeTimestampCursor } from './cursorValues.js';

export interface ListChatsQuery extends PageQuery {
  status?: ChatRoomsTable['status'] | undefined;
  type?: ChatRoomsTable['type'] | undefined;
  sort_by?: RoomSortField | undefined;
  order?: 'asc' | 'desc' | undefined;
  /** Parley extension (docs/history-directions.md): only rooms before / after this room in the sort. */
  before?: string | undefined;
  after?: string | undefined;
}

async function requireOwnRoom(deps: CoreDeps, roomId: string | undefined, principalId: string, pointer: string) {
  if (roomId !== undefined && !(await isRoomOf(deps.db, roomId, principalId))) {
    throw validationError(pointer, 'is not a room you participate in');
  }
}

/**
 * The rooms the caller participates in, filtered and sorted (default newest first), one page in
 * either style. Cursor pages are keyset-based on (sort field, id); the metadata carries both
 * shapes so a client can switch to the cursor from any page. `before`/`after` bound the list by
 * room, in the same (sort field, id) key; the total then counts the bounded range.
 */
export async function listChats(deps: CoreDeps, identity: Identity, query: ListChatsQuery | undefined) {
  const q = query ?? {};
  const sort = q.sort_by ?? 'inserted_at';
  const order = q.order ?? 'desc';
  refuseBoundsWithOffsetPages(q);
  const request = resolvePageRequest(q);
  const filters: RoomListFilters = { participantId: principalIdOf(identity), status: q.status, type: q.type };
  await requireOwnRoom(deps, q.after, filters.participantId, '/after');
  await requireOwnRoom(deps, q.before, filters.participantId, '/before');
  const bounds: RoomListBounds | undefined =
    q.before !== undefined || q.after !== undefined ? { sort, before: q.before, after: q.after } : undefined;
  const after =
    request.style === 'cursor' && request.cursor
      ? decodeTimestampCursor(request.cursor, { sort: `rooms:${sort}`, order })
      : undefined;
  const [rows, total] = await Promise.all([
    listRoomsOf(deps.db, filters, {
      sort,
      order,
      limit: request.limit + 1,
      offset: request.style === 'offset' ? request.offset : undefined,
      after,
      bounds,
    }),
    countRoomsOf(deps.db, filters, bounds),
  ]);
  const hasMore = rows.length > request.limit;
  const rooms = rows.slice(0, request.limit);
  const last = rooms.at(-1);
  const nextCursor =
    hasMore && last ? encodeCursor({ sort: `rooms:${sort}`, order, value: last[sort], id: last.id }) : null;
  const offsetMeta =
    request.style === 'offset'
      ? offsetMetadata(request.page, request.limit, total)
      : { total_count: total, total_pages: Math.ceil(total / request.limit) };
  return { rooms, metadata: { ...offsetMeta, has_more: hasMore, limit: request.limit, next_cursor: nextCursor } };
}
