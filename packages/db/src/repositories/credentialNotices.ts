import { sql } from 'kysely';
import type { Executor } from '../database.js';

/** The channel of credential changes; per schema like the outbox's (LISTEN/NOTIFY are per database). */
export function credentialsChannel(schema: string): string {
  return `parley_credentials_${schema}`;
}

/**
 * Announces that these principals' keys changed (revoked, rotated, deleted) to every instance.
 * Inside a transaction the notice goes out at commit, and not at all on rollback.
 */
export async function notifyCredentialsChanged(db: Executor, principalIds: string[]): Promise<void> {
  if (principalIds.length === 0) return;
  await sql`SELECT pg_notify('parley_credentials_' || current_schema(), ${JSON.stringify(principalIds)})`.execute(db);
}
