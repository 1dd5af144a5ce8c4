import { sql } from 'kysely';
import type { Executor } from '../database.js';
import { partyName } from './contactParties.js';

/**
 * Contacts are stored one row per direction (see the initial migration): an approved pair is two
 * rows, written and deleted together so each side always sees the same relation.
 */

/** Makes `a` and `b` contacts of each other. Idempotent: an existing direction is kept. */
export async function insertContactPair(db: Executor, a: string, b: string): Promise<void> {
  await db
    .insertInto('contacts')
    .values([
      { owner_id: a, contact_id: b, source: 'request' },
      { owner_id: b, contact_id: a, source: 'request' },
    ])
    .onConflict((oc) => oc.columns(['owner_id', 'contact_id']).doNothing())
    .execute();
}

/** Deletes both directions in one statement; returns how many rows went (0 when not contacts). */
export async function deleteContactPair(db: Executor, a: string, b: string): Promise<number> {
  const result = await db
    .deleteFrom('contacts')
    .where((eb) =>
      eb.or([
        eb.and([eb('owner_id', '=', a), eb('contact_id', '=', b)]),
        eb.and([eb('owner_id', '=', b), eb('contact_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function isContact(db: Executor, ownerId: string, contactId: string): Promise<boolean> {
  const row = await db
    .selectFrom('contacts')
    .select('id')
    .where('owner_id', '=', ownerId)
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The owner's contact record with this id (another owner's record is not found). */
export function findContactRecord(db: Executor, ownerId: string, recordId: string) {
  return db
    .selectFrom('contacts')
    .select(['id', 'contact_id'])
    .where('owner_id', '=', ownerId)
    .where('id', '=', recordId)
    .executeTakeFirst();
}

export async function countContacts(db: Executor, ownerId: string): Promise<number> {
  const row = await db
    .selectFrom('contacts')
    .select(sql<number>`count(*)`.as('n'))
    .where('owner_id', '=', ownerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One page of an owner's contacts, newest first, each with the profile of the other side. The
 * email is selected only here: contacts are the one place it may be shown (docs/contacts.md).
 */
export function listContactViews(db: Executor, ownerId: string, page: { limit: number; offset: number }) {
  return db
    .selectFrom('contacts as c')
    .innerJoin('principals as p', 'p.id', 'c.contact_id')
    .leftJoin('users as u', 'u.id', 'p.id')
    .leftJoin('agents as a', 'a.id', 'p.id')
    .select([
      'c.id',
      'c.contact_id',
      'c.source',
      'c.inserted_at',
      'p.kind as contact_type',
      'p.handle',
      partyName('p', 'u', 'a').as('name'),
      'u.email',
      sql<boolean | null>`coalesce(u.listed_in_directory, a.listed_in_directory)`.as('listed_in_directory'),
      'a.description',
      'a.is_external',
      'a.tags',
    ])
    .where('c.owner_id', '=', ownerId)
    .orderBy('c.inserted_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export type ContactView = Awaited<ReturnType<typeof listContactViews>>[number];
