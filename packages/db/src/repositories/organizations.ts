import type { Executor } from '../database.js';
import { preparedQuery } from '../preparedQuery.js';

export function findOrganizationBySlug(db: Executor, slug: string) {
  return db.selectFrom('organizations').selectAll().where('slug', '=', slug).executeTakeFirst();
}

const organizationById = preparedQuery<{ id: string }>()(
  (p, db) => db.selectFrom('organizations').selectAll().where('id', '=', p('id')),
  { serverSide: true },
);

/** Compiled once: every quota reservation reads the organization's limits. */
export async function findOrganizationById(db: Executor, id: string) {
  return (await organizationById(db, { id })).rows[0];
}

export function insertOrganization(db: Executor, values: { slug: string; name: string }) {
  return db.insertInto('organizations').values(values).returningAll().executeTakeFirstOrThrow();
}

export type OrganizationLimitsPatch = Partial<
  Record<'limit_agents' | 'limit_chats' | 'limit_participants' | 'limit_messages', number | null>
>;

export function updateOrganizationLimits(db: Executor, id: string, patch: OrganizationLimitsPatch) {
  return db
    .updateTable('organizations')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
