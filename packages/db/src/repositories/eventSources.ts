import type { Executor } from '../database.js';

/**
 * Small reads that realtime event payloads need and no other repository offers: they run inside
 * the writing transaction, so an event describes exactly what commits with it.
 */

/** Each side's contact record of a pair (owner → record), before the pair is deleted. */
export async function contactRecordsOfPair(
  db: Executor,
  a: string,
  b: string,
): Promise<{ id: string; owner_id: string; contact_id: string; inserted_at: string }[]> {
  return db
    .selectFrom('contacts')
    .select(['id', 'owner_id', 'contact_id', 'inserted_at'])
    .where((eb) =>
      eb.or([
        eb.and([eb('owner_id', '=', a), eb('contact_id', '=', b)]),
        eb.and([eb('owner_id', '=', b), eb('contact_id', '=', a)]),
      ]),
    )
    .execute();
}

/** The organization of each principal (contact events go to each party's own organization). */
export async function organizationsOf(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('principals').select(['id', 'organization_id']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.organization_id]));
}

/** The rooms a principal is in, with their organization: what it leaves when it is deleted. */
export function roomsOfParticipant(db: Executor, principalId: string) {
  return db
    .selectFrom('chat_participants')
    .innerJoin('chat_rooms', 'chat_rooms.id', 'chat_participants.chat_room_id')
    .select(['chat_rooms.id', 'chat_rooms.organization_id'])
    .where('chat_participants.participant_id', '=', principalId)
    .execute();
}

/** Every contact record that names `principalId` on the other side: whose lists lose it. */
export function contactRecordsNaming(db: Executor, principalId: string) {
  return db
    .selectFrom('contacts')
    .innerJoin('principals', 'principals.id', 'contacts.owner_id')
    .select(['contacts.id', 'contacts.owner_id', 'principals.organization_id'])
    .where('contacts.contact_id', '=', principalId)
    .execute();
}
