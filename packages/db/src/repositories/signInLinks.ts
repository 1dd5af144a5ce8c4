import { sql } from 'kysely';
import type { Executor } from '../database.js';

export function insertSignInLink(db: Executor, values: { user_id: string; token_hash: string; expires_at: string }) {
  return db.insertInto('sign_in_links').values(values).returning(['id', 'expires_at']).executeTakeFirstOrThrow();
}

/**
 * Marks the link with this hash used and returns its user, in one statement: of two concurrent
 * redemptions only one gets a row. Undefined when unknown, used or expired.
 */
export function consumeSignInLink(db: Executor, tokenHash: string) {
  return db
    .updateTable('sign_in_links')
    .set({ used_at: new Date().toISOString() })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<string>`now()`)
    .returning(['user_id'])
    .executeTakeFirst();
}
