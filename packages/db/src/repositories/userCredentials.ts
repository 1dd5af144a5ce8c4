import type { Executor } from '../database.js';

/** The user with this email (any case) and its password hash, for sign-in. */
export function findUserCredentialsByEmail(db: Executor, email: string) {
  return db
    .selectFrom('users')
    .innerJoin('principals', 'principals.id', 'users.id')
    .select(['users.id', 'users.organization_id', 'users.password_hash', 'principals.handle'])
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export function findUserCredentialsById(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .innerJoin('principals', 'principals.id', 'users.id')
    .select(['users.id', 'users.organization_id', 'users.password_hash', 'principals.handle'])
    .where('users.id', '=', id)
    .executeTakeFirst();
}

export function setPasswordHash(db: Executor, userId: string, hash: string) {
  return db
    .updateTable('users')
    .set({ password_hash: hash, updated_at: new Date().toISOString() })
    .where('id', '=', userId)
    .execute();
}

/** A person's own API keys that are still active, newest first. */
export function listActiveUserKeys(db: Executor, userId: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'prefix', 'label', 'inserted_at', 'last_used_at'])
    .where('principal_id', '=', userId)
    .where('kind', '=', 'user')
    .where('revoked_at', 'is', null)
    .orderBy('inserted_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Revokes one of a person's own active user keys; undefined when there is none with that id. */
export function revokeUserKey(db: Executor, userId: string, keyId: string) {
  return db
    .updateTable('api_keys')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', keyId)
    .where('principal_id', '=', userId)
    .where('kind', '=', 'user')
    .where('revoked_at', 'is', null)
    .returning(['id', 'prefix', 'revoked_at'])
    .executeTakeFirst();
}
