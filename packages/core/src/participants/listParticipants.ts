import { countParticipants, listAllParticipants, listParticipantsPage } from '@parley/db/repositories/chatParticipants';
import type { PrincipalKind } from '@parley/db/tables/principals';
import { type Identity, principalIdOf } from '../auth/identity.js';
import { decodeTimestampCursor } from '../chats/cursorValues.js';
import { requireMembership } from '../chats/roomAccess.js';
import type { CoreDeps } from '../deps.js';
import { encodeCursor } from '../pagination/cursor.js';
import { offsetMetadata, type PageQuery, resolvePageRequest } from '../pagination/pageRequest.js';

const SORT = 'participants:joined';

/** Every participant of a room the caller is in (the Agent API list has no pagination). */
export async function listAllRoomParticipants(deps: CoreDeps, identity: Identity, roomId: string) {
  await requireMembership(deps.db, roomId, principalIdOf(identity));
  return listAllParticipants(deps.db, roomId);
}

export interface ListParticipantsQuery extends PageQuery {
  participant_type?: PrincipalKind | undefined;
}

/** A page of a room's participants in join order, optionally of one type, in either style. */
export async function listRoomParticipants(
  deps: CoreDeps,
  identity: Identity,
  roomId: string,
  query: ListParticipantsQuery | undefined,
) {
  await requireMembership(deps.db, roomId, principalIdOf(identity));
  const q = query ?? {};
  const request = resolvePageRequest(q);
  const after =
    request.style === 'cursor' && request.cursor
      ? decodeTimestampCursor(request.cursor, { sort: SORT, order: 'asc' })
      : undefined;
  const [rows, total] = await Promise.all([
    listParticipantsPage(deps.db, roomId, {
      type: q.participant_type,
      limit: request.limit + 1,
      offset: request.style === 'offset' ? request.offset : undefined,
      after,
    }),
    countParticipants(deps.db, roomId, q.participant_type),
  ]);
  const hasMore = rows.length > request.limit;
  const participants = rows.slice(0, request.limit);
  const last = participants.at(-1);
  const nextCursor =
    hasMore && last ? encodeCursor({ sort: SORT, order: 'asc', value: last.inserted_at, id: last.id }) : null;
  const offsetMeta =
    request.style === 'offset'
      ? offsetMetadata(request.page, request.limit, total)
      : { total_count: total, total_pages: Math.ceil(total / request.limit) };
  return {
    participants,
    metadata: { ...offsetMeta, has_more: hasMore, limit: request.limit, next_cursor: nextCursor },
  };
}
