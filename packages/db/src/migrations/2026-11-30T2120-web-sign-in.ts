import { type Kysely, sql } from 'kysely';

/**
 * Sign-in for people (issue 12): a password hash on the user, browser sessions, one-time sign-in
 * links, and the failed attempts that rate-limit password sign-in. Tokens are stored only as
 * SHA-256 hashes; a session or link row is found by that hash.
 */
const upStatements = [
  `ALTER TABLE users ADD COLUMN password_hash text`,
  `ALTER TABLE api_keys ADD COLUMN label text`,
  `CREATE TABLE user_sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    organization_id uuid NOT NULL,
    token_hash text NOT NULL UNIQUE,
    inserted_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
  )`,
  `CREATE INDEX user_sessions_user_idx ON user_sessions (user_id) WHERE revoked_at IS NULL`,
  `CREATE TABLE sign_in_links (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash text NOT NULL UNIQUE,
    inserted_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz
  )`,
  `CREATE TABLE sign_in_failures (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account text NOT NULL,
    ip text NOT NULL,
    inserted_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX sign_in_failures_account_idx ON sign_in_failures (account, inserted_at)`,
  `CREATE INDEX sign_in_failures_ip_idx ON sign_in_failures (ip, inserted_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS sign_in_failures').execute(db);
  await sql.raw('DROP TABLE IF EXISTS sign_in_links').execute(db);
  await sql.raw('DROP TABLE IF EXISTS user_sessions').execute(db);
  await sql.raw('ALTER TABLE api_keys DROP COLUMN IF EXISTS label').execute(db);
  await sql.raw('ALTER TABLE users DROP COLUMN IF EXISTS password_hash').execute(db);
}
