import { countRoomsOf, listRoomsOf, type RoomListFilters, type RoomSortField } from '@parley/db/repositories/chatRooms';
import type { ChatRoomsTable } from '@parley/db/tables/chatRooms';
import { type Identity, principalIdOf } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { encodeCursor } from '../pagination/cursor.js';
import { offsetMetadata, type PageQuery, resolvePageRequest } from '../pagination/pageRequest.js';
import { decodeTimestampCursor } from './cursorValues.js';

export interface ListChatsQuery extends PageQuery {
  status?: ChatRoomsTable['status'] | undefined;
  type?: ChatRoomsTable['type'] | undefined;
  sort_by?: RoomSortField | undefined;
  order?: 'asc' | 'desc' | undefined;
}

/**
 * The rooms the caller participates in, filtered and sorted (default newest first), one page in
 * either style. Cursor pages are keyset-based on (sort field, id); the metadata carries both
 * shapes so a client can switch to the cursor from any page.
 */
export async function listChats(deps: CoreDeps, identity: Identity, query: ListChatsQuery | undefined) {
  const q = query ?? {};
  const sort = q.sort_by ?? 'inserted_at';
  const order = q.order ?? 'desc';
  const request = resolvePageRequest(q);
  const filters: RoomListFilters = { participantId: principalIdOf(identity), status: q.status, type: q.type };
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
    }),
    countRoomsOf(deps.db, filters),
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
