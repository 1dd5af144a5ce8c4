import type { Executor } from '../database.js';

export function findOrganizationBySlug(db: Executor, slug: string) {
  return db.selectFrom('organizations').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findOrganizationById(db: Executor, id: string) {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
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
