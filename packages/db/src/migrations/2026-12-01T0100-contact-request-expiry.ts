import { type Kysely, sql } from 'kysely';

/**
 * Contact request expiry is announced (issue 13): every instance sweeps pending requests past
 * their `expires_at`. The partial index keeps that sweep to the pending rows, ordered by expiry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX contact_requests_pending_expiry_idx ON contact_requests (expires_at) WHERE status = 'pending'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS contact_requests_pending_expiry_idx`.execute(db);
}
