import { type Kysely, sql } from 'kysely';
import type { DB, Executor } from '../database.js';
import { type ParamMarker, preparedQuery } from '../preparedQuery.js';
import type { QuotaResource } from '../tables/quotaUsage.js';

type UsageArgs = { scopeId: string; resource: QuotaResource };

/** The upsert with a limit (the update only below it) and without: two statements, both compiled once. */
function upsertUsage(p: ParamMarker<UsageArgs>, db: Kysely<DB>, limit?: number) {
  return db
    .insertInto('quota_usage')
    .values({ scope_id: p('scopeId'), resource: p('resource'), used: 1 })
    .onConflict((oc) => {
      const update = oc.columns(['scope_id', 'resource']).doUpdateSet({ used: sql`quota_usage.used + 1` });
      return limit === undefined ? update : update.where('quota_usage.used', '<', limit);
    })
    .returning('used');
}
const incrementBelowLimit = preparedQuery<UsageArgs & { limit: number }>()((p, db) => upsertUsage(p, db, p('limit')));
const incrementUnlimited = preparedQuery<UsageArgs>()((p, db) => upsertUsage(p, db));

/**
 * Adds one to a scope's usage unless that would pass `limit` (null: no limit). Returns the new
 * count, or null when the limit is reached. One statement: the row lock taken by the upsert
 * serializes concurrent reservations, so they can never overshoot.
 */
export async function incrementUsage(
  db: Executor,
  scopeId: string,
  resource: QuotaResource,
  limit: number | null,
): Promise<number | null> {
  if (limit !== null && limit <= 0) return null;
  const result =
    limit === null
      ? await incrementUnlimited(db, { scopeId, resource })
      : await incrementBelowLimit(db, { scopeId, resource, limit });
  const row = result.rows[0];
  return row ? row.used : null;
}

export async function currentUsage(db: Executor, scopeId: string, resource: QuotaResource): Promise<number> {
  const row = await db
    .selectFrom('quota_usage')
    .select('used')
    .where('scope_id', '=', scopeId)
    .where('resource', '=', resource)
    .executeTakeFirst();
  return row?.used ?? 0;
}

export async function decrementUsage(db: Executor, scopeId: string, resource: QuotaResource, by = 1): Promise<void> {
  await db
    .updateTable('quota_usage')
    .set({ used: sql`greatest(used - ${by}, 0)` })
    .where('scope_id', '=', scopeId)
    .where('resource', '=', resource)
    .execute();
}
