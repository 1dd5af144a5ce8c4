import { type ExpressionBuilder, sql } from 'kysely';
import type { DB, Executor } from '../database.js';
import type { ChatRoomsTable } from '../tables/chatRooms.js';

/** Message types the platform writes for itself: they never move a room's `last_message_at`. */
export const INTERNAL_MESSAGE_TYPES = ['system', 'action', 'guidelines'] as const;

/**
 * The newest chat-content message time of a room, derived at read time from the messages index
 * `(chat_room_id, seq)` instead of a column every send would have to update (a hot row that
 * serializes all sends into a room; performance-pitfalls #2). Messages of a room are inserted
 * under the room's quota row lock, so `seq` order is time order within a room.
 */
function lastMessageAt(eb: ExpressionBuilder<DB, 'chat_rooms'>) {
  return eb
    .selectFrom('messages')
    .select('messages.inserted_at')
    .whereRef('messages.chat_room_id', '=', 'chat_rooms.id')
    .where('messages.message_type', 'not in', INTERNAL_MESSAGE_TYPES)
    .orderBy('messages.seq', 'desc')
    .limit(1)
    .as('last_message_at');
}

const roomColumns = [
  'chat_rooms.id',
  'chat_rooms.organization_id',
  'chat_rooms.title',
  'chat_rooms.task_id',
  'chat_rooms.type',
  'chat_rooms.status',
  'chat_rooms.metadata',
  'chat_rooms.created_by',
  'chat_rooms.inserted_at',
  'chat_rooms.updated_at',
] as const;

export interface RoomRow {
  id: string;
  organization_id: string;
  title: string | null;
  task_id: string | null;
  type: ChatRoomsTable['type'];
  status: ChatRoomsTable['status'];
  metadata: Record<string, unknown>;
  created_by: string | null;
  inserted_at: string;
  updated_at: string;
  last_message_at: string | null;
}

/** A room with the caller's role in it. */
export interface MemberRoomRow extends RoomRow {
  role: 'owner' | 'admin' | 'member';
}

export async function insertChatRoom(
  db: Executor,
  values: { organization_id: string; title: string | null; task_id: string | null; created_by: string },
): Promise<RoomRow> {
  const row = await db
    .insertInto('chat_rooms')
    .values({ ...values, type: 'direct', status: 'active' })
    .returning(roomColumns)
    .executeTakeFirstOrThrow();
  return { ...row, last_message_at: null };
}

/** The room if `principalId` participates in it, else undefined (callers answer 404 either way). */
export async function findRoomOfParticipant(
  db: Executor,
  roomId: string,
  principalId: string,
): Promise<MemberRoomRow | undefined> {
  return db
    .selectFrom('chat_rooms')
    .innerJoin('chat_participants', 'chat_participants.chat_room_id', 'chat_rooms.id')
    .select(roomColumns)
    .select('chat_participants.role')
    .select(lastMessageAt)
    .where('chat_rooms.id', '=', roomId)
    .where('chat_participants.participant_id', '=', principalId)
    .executeTakeFirst();
}

export async function updateRoomTitle(db: Executor, roomId: string, title: string) {
  await db.updateTable('chat_rooms').set({ title, updated_at: sql<string>`now()` }).where('id', '=', roomId).execute();
}

export interface RoomListFilters {
  participantId: string;
  status?: ChatRoomsTable['status'] | undefined;
  type?: ChatRoomsTable['type'] | undefined;
}

export type RoomSortField = 'inserted_at' | 'updated_at';

/**
 * Exclusive bounds of a room list by room (docs/history-directions.md): only rooms whose (sort
 * field, id) is below `before`'s / above `after`'s, read from the bound rooms themselves at query
 * time (no timestamp goes through the client, so no precision is lost).
 */
export interface RoomListBounds {
  sort: RoomSortField;
  before?: string | undefined;
  after?: string | undefined;
}

function roomsOf(db: Executor, f: RoomListFilters, bounds?: RoomListBounds) {
  let q = db
    .selectFrom('chat_participants')
    .innerJoin('chat_rooms', 'chat_rooms.id', 'chat_participants.chat_room_id')
    .where('chat_participants.participant_id', '=', f.participantId);
  if (f.status) q = q.where('chat_rooms.status', '=', f.status);
  if (f.type) q = q.where('chat_rooms.type', '=', f.type);
  if (bounds) {
    const column = sql.ref(`chat_rooms.${bounds.sort}`);
    const boundKey = (id: string) => sql`(SELECT b.${sql.ref(bounds.sort)}, b.id FROM chat_rooms b WHERE b.id = ${id})`;
    if (bounds.before) q = q.where(sql<boolean>`(${column}, chat_rooms.id) < ${boundKey(bounds.before)}`);
    if (bounds.after) q = q.where(sql<boolean>`(${column}, chat_rooms.id) > ${boundKey(bounds.after)}`);
  }
  return q;
}

/** True when `principalId` participates in the room (a list bound must be one of the caller's rooms). */
export async function isRoomOf(db: Executor, roomId: string, principalId: string): Promise<boolean> {
  const row = await db
    .selectFrom('chat_participants')
    .select('chat_room_id')
    .where('chat_room_id', '=', roomId)
    .where('participant_id', '=', principalId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function countRoomsOf(db: Executor, f: RoomListFilters, bounds?: RoomListBounds): Promise<number> {
  const row = await roomsOf(db, f, bounds).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One page of the rooms a principal participates in, ordered by (sort, id). `after` is the keyset
 * position of the previous page's last row; `offset` serves the page style.
 */
export async function listRoomsOf(
  db: Executor,
  f: RoomListFilters,
  page: {
    sort: RoomSortField;
    order: 'asc' | 'desc';
    limit: number;
    offset?: number | undefined;
    after?: { value: string; id: string } | undefined;
    bounds?: RoomListBounds | undefined;
  },
): Promise<RoomRow[]> {
  let q = roomsOf(db, f, page.bounds).select(roomColumns).select(lastMessageAt);
  const column = sql.ref(`chat_rooms.${page.sort}`);
  if (page.after) {
    const cmp = page.order === 'asc' ? sql`>` : sql`<`;
    q = q.where(
      sql<boolean>`(${column}, chat_rooms.id) ${cmp} (${page.after.value}::timestamptz, ${page.after.id}::uuid)`,
    );
  }
  q = q.orderBy(column, page.order).orderBy('chat_rooms.id', page.order);
  if (page.offset) q = q.offset(page.offset);
  return q.limit(page.limit).execute();
}
