import { sql } from 'kysely';
import type { Executor } from '../database.js';
import { preparedQuery } from '../preparedQuery.js';
import type { ParticipantRole } from '../tables/chatParticipants.js';
import type { PrincipalKind } from '../tables/principals.js';

/**
 * A participant with what the API shows of it. `name` is a user's full name (else the handle) or
 * an agent's name; `description` and `is_external` exist for agents only.
 */
export interface ParticipantRow {
  id: string;
  type: PrincipalKind;
  role: ParticipantRole;
  status: 'active';
  handle: string;
  name: string;
  description: string | null;
  is_external: boolean | null;
  inserted_at: string;
  /** The room's organization (whose plan quotas apply to the room). */
  room_organization_id: string;
}

/** `first last`, trimmed, or null when both are empty. */
export const userFullName = sql<
  string | null
>`nullif(trim(concat_ws(' ', nullif(trim(users.first_name), ''), nullif(trim(users.last_name), ''))), '')`;

function selectParticipants(db: Executor, roomId: string) {
  return db
    .selectFrom('chat_participants')
    .innerJoin('chat_rooms', 'chat_rooms.id', 'chat_participants.chat_room_id')
    .innerJoin('principals', 'principals.id', 'chat_participants.participant_id')
    .leftJoin('users', 'users.id', 'chat_participants.participant_id')
    .leftJoin('agents', 'agents.id', 'chat_participants.participant_id')
    .select([
      'chat_rooms.organization_id as room_organization_id',
      'chat_participants.participant_id as id',
      'chat_participants.participant_type as type',
      'chat_participants.role',
      'chat_participants.status',
      'chat_participants.inserted_at',
      'principals.handle',
      'agents.description',
      'agents.is_external',
    ])
    .select(sql<string>`coalesce(agents.name, ${userFullName}, principals.handle)`.as('name'))
    .where('chat_participants.chat_room_id', '=', roomId);
}

const membership = preparedQuery<{ roomId: string; principalId: string }>()(
  (p, db) =>
    db
      .selectFrom('chat_participants')
      .innerJoin('chat_rooms', 'chat_rooms.id', 'chat_participants.chat_room_id')
      .select(['chat_participants.role', 'chat_rooms.organization_id'])
      .where('chat_participants.chat_room_id', '=', p('roomId'))
      .where('chat_participants.participant_id', '=', p('principalId')),
  { serverSide: true },
);

/**
 * The caller's role in a room and the room's organization (whose plan quotas apply), or undefined
 * when it does not participate. A primary-key lookup: every room-scoped call starts with it
 * (compiled once).
 */
export async function findMembership(db: Executor, roomId: string, principalId: string) {
  return (await membership(db, { roomId, principalId })).rows[0];
}

const allParticipants = preparedQuery<{ roomId: string }>()(
  (p, db) =>
    selectParticipants(db, p('roomId'))
      .orderBy('chat_participants.inserted_at')
      .orderBy('chat_participants.participant_id'),
  { serverSide: true },
);

/**
 * Every participant of a room, in the order they joined (rooms are small: bounded by the quota).
 * Compiled once: every send reads it.
 */
export async function listAllParticipants(db: Executor, roomId: string): Promise<ParticipantRow[]> {
  return (await allParticipants(db, { roomId })).rows;
}

export function findParticipant(db: Executor, roomId: string, participantId: string) {
  return selectParticipants(db, roomId)
    .where('chat_participants.participant_id', '=', participantId)
    .executeTakeFirst() as Promise<ParticipantRow | undefined>;
}

/** One page of a room's participants by join order; `after` is the previous page's last (inserted_at, id). */
export function listParticipantsPage(
  db: Executor,
  roomId: string,
  page: {
    type?: PrincipalKind | undefined;
    limit: number;
    offset?: number | undefined;
    after?: { value: string; id: string } | undefined;
  },
): Promise<ParticipantRow[]> {
  let q = selectParticipants(db, roomId);
  if (page.type) q = q.where('chat_participants.participant_type', '=', page.type);
  if (page.after) {
    q = q.where(
      sql<boolean>`(chat_participants.inserted_at, chat_participants.participant_id) > (${page.after.value}::timestamptz, ${page.after.id}::uuid)`,
    );
  }
  q = q.orderBy('chat_participants.inserted_at').orderBy('chat_participants.participant_id');
  if (page.offset) q = q.offset(page.offset);
  return q.limit(page.limit).execute();
}

export async function countParticipants(db: Executor, roomId: string, type?: PrincipalKind): Promise<number> {
  let q = db.selectFrom('chat_participants').select(sql<number>`count(*)`.as('n')).where('chat_room_id', '=', roomId);
  if (type) q = q.where('participant_type', '=', type);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertParticipant(
  db: Executor,
  values: { chat_room_id: string; participant_id: string; participant_type: PrincipalKind; role: ParticipantRole },
) {
  await db
    .insertInto('chat_participants')
    .values({ ...values, status: 'active' })
    .execute();
}

/** Removes a participant; returns false when it was not there. */
export async function deleteParticipant(db: Executor, roomId: string, participantId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('chat_participants')
    .where('chat_room_id', '=', roomId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * The owners of a room, row-locked until the transaction ends: two owners leaving at once cannot
 * both pass the "another owner remains" check.
 */
export async function lockOwners(db: Executor, roomId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('chat_participants')
    .select('participant_id')
    .where('chat_room_id', '=', roomId)
    .where('role', '=', 'owner')
    .forUpdate()
    .execute();
  return rows.map((r) => r.participant_id);
}
