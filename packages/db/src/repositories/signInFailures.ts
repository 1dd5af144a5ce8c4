import { sql } from 'kysely';
import type { Executor } from '../database.js';

/** Failed password sign-ins since `since`, for this account and for this IP. */
export async function countSignInFailures(db: Executor, account: string, ip: string, since: string) {
  const row = await db
    .selectFrom('sign_in_failures')
    .select([
      sql<number>`count(*) filter (where account = ${account})::int`.as('account'),
      sql<number>`count(*) filter (where ip = ${ip})::int`.as('ip'),
      sql<string | null>`min(inserted_at) filter (where account = ${account})`.as('account_oldest'),
      sql<string | null>`min(inserted_at) filter (where ip = ${ip})`.as('ip_oldest'),
    ])
    .where((eb) => eb.or([eb('account', '=', account), eb('ip', '=', ip)]))
    .where('inserted_at', '>', since)
    .executeTakeFirstOrThrow();
  return row;
}

/** Records a failure and drops rows older than the window, so the table stays small. */
export async function recordSignInFailure(db: Executor, account: string, ip: string, olderThan: string) {
  await db.insertInto('sign_in_failures').values({ account, ip }).execute();
  await db.deleteFrom('sign_in_failures').where('inserted_at', '<', olderThan).execute();
}

export function clearAccountFailures(db: Executor, account: string) {
  return db.deleteFrom('sign_in_failures').where('account', '=', account).execute();
}
