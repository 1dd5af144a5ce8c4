import { sql } from 'kysely';
import type { Executor } from '../database.js';

export function insertSession(
  db: Executor,
  values: { user_id: string; organization_id: string; token_hash: string; expires_at: string },
) {
  return db.insertInto('user_sessions').values(values).returning(['id', 'expires_at']).executeTakeFirstOrThrow();
}

/** The live session with this token hash, with who it belongs to; undefined when expired or revoked. */
export function findLiveSession(db: Executor, tokenHash: string) {
  return db
    .selectFrom('user_sessions')
    .innerJoin('principals', 'principals.id', 'user_sessions.user_id')
    .select([
      'user_sessions.id',
      'user_sessions.user_id',
      'user_sessions.organization_id',
      'user_sessions.expires_at',
      'user_sessions.last_seen_at',
      'principals.handle',
    ])
    .where('user_sessions.token_hash', '=', tokenHash)
    .where('user_sessions.revoked_at', 'is', null)
    .where('user_sessions.expires_at', '>', sql<string>`now()`)
    .executeTakeFirst();
}

export function touchSession(db: Executor, id: string) {
  return db.updateTable('user_sessions').set({ last_seen_at: new Date().toISOString() }).where('id', '=', id).execute();
}

export function revokeSession(db: Executor, id: string) {
  return db
    .updateTable('user_sessions')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes every live session of a user, except `keep` (the caller's own) when given. */
export function revokeSessionsOfUser(db: Executor, userId: string, keep?: string) {
  let query = db
    .updateTable('user_sessions')
    .set({ revoked_at: new Date().toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keep) query = query.where('id', '<>', keep);
  return query.execute();
}
