import { type Kysely, sql } from 'kysely';

/**
 * Idempotency keys (issue 14, docs/idempotency-keys.md): one row per (API key, Idempotency-Key)
 * of a POST. `running` while the first request is under way (until `locked_until`), then `done`
 * with the response to replay for 24 hours. The API key is stored as its SHA-256 only.
 */
const upStatements = [
  `CREATE TABLE idempotency_keys (
    api_key_hash text NOT NULL,
    idempotency_key text NOT NULL,
    request_hash text NOT NULL,
    state text NOT NULL CHECK (state IN ('running', 'done')),
    response_status integer,
    response_body text,
    created_at timestamptz NOT NULL DEFAULT now(),
    locked_until timestamptz NOT NULL,
    PRIMARY KEY (api_key_hash, idempotency_key)
  )`,
  // Expiry deletes the oldest rows first.
  `CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS idempotency_keys').execute(db);
}
