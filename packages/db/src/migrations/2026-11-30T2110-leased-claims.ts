import { type Kysely, sql } from 'kysely';

/**
 * Leased claims (issue 14, docs/leased-claims.md). A delivery claimed through `/agent/inbox/claim`
 * carries a lease (`lease_token`, `lease_expires_at`); the vendor's own `/processing` leaves both
 * null. `dead_lettered_at` marks a delivery that used up its agent's `max_attempts`; a person's
 * retry clears it and moves `attempt_base` to the attempts used so far, so the budget starts again
 * without rewriting the attempt history. `retry_at` delays the next claim of a failed delivery
 * (the worker's backoff), holding its room meanwhile so that order is kept.
 */
const upStatements = [
  `ALTER TABLE message_deliveries
    ADD COLUMN lease_token uuid,
    ADD COLUMN lease_expires_at timestamptz,
    ADD COLUMN dead_lettered_at timestamptz,
    ADD COLUMN attempt_base integer NOT NULL DEFAULT 0,
    ADD COLUMN retry_at timestamptz`,
  `ALTER TABLE agents ADD COLUMN max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 1 AND 100)`,
  // The owner's dead-letter list: newest first, only the few dead rows indexed.
  `CREATE INDEX message_deliveries_dead_idx ON message_deliveries (agent_id, dead_lettered_at DESC, message_id)
    WHERE dead_lettered_at IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP INDEX IF EXISTS message_deliveries_dead_idx').execute(db);
  await sql.raw('ALTER TABLE agents DROP COLUMN IF EXISTS max_attempts').execute(db);
  await sql
    .raw(
      `ALTER TABLE message_deliveries DROP COLUMN IF EXISTS lease_token, DROP COLUMN IF EXISTS lease_expires_at,
        DROP COLUMN IF EXISTS dead_lettered_at, DROP COLUMN IF EXISTS attempt_base, DROP COLUMN IF EXISTS retry_at`,
    )
    .execute(db);
}
