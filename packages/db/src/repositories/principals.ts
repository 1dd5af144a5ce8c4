import type { Executor } from '../database.js';
import type { PrincipalKind } from '../tables/principals.js';

export function insertPrincipal(
  db: Executor,
  values: { kind: PrincipalKind; organization_id: string; handle: string; id?: string },
) {
  return db.insertInto('principals').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findPrincipalByHandle(db: Executor, handle: string) {
  return db.selectFrom('principals').selectAll().where('handle', '=', handle).executeTakeFirst();
}
