import { type Kysely, sql } from 'kysely';

/**
 * The effects of an idempotent request, written in each effect's own transaction
 * (docs/idempotency-keys.md): `effects` maps a transaction's number within the request ("0", "1"…)
 * to its result as JSON text, so a retry after a crash between the commit and the stored response
 * gets the committed result instead of running the effect again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE idempotency_keys ADD COLUMN effects jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE idempotency_keys DROP COLUMN IF EXISTS effects`.execute(db);
}
