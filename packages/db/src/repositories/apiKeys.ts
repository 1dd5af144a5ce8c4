import type { Executor } from '../database.js';
import { preparedQuery } from '../preparedQuery.js';

export function insertApiKey(
  db: Executor,
  values: {
    organization_id: string;
    principal_id: string;
    kind: 'user' | 'agent';
    prefix: string;
    secret_hash: string;
    label?: string | null;
  },
) {
  return db.insertInto('api_keys').values(values).returning(['id', 'prefix', 'inserted_at']).executeTakeFirstOrThrow();
}

const keyByPrefix = preparedQuery<{ prefix: string }>()(
  (p, db) =>
    db
      .selectFrom('api_keys')
      .innerJoin('principals', 'principals.id', 'api_keys.principal_id')
      .leftJoin('agents', 'agents.id', 'api_keys.principal_id')
      .select([
        'api_keys.id',
        'api_keys.kind',
        'api_keys.secret_hash',
        'api_keys.revoked_at',
        'api_keys.organization_id',
        'api_keys.principal_id',
        'principals.kind as principal_kind',
        'principals.handle',
        'agents.owner_id',
        // The agent's profile, so `GET /agent/me` is answered from this one read.
        'agents.organization_id as agent_organization_id',
        'agents.name as agent_name',
        'agents.description as agent_description',
        'agents.listed_in_directory as agent_listed_in_directory',
        'agents.tags as agent_tags',
        'agents.inserted_at as agent_inserted_at',
        'agents.updated_at as agent_updated_at',
      ])
      .where('api_keys.prefix', '=', p('prefix')),
  { serverSide: true },
);

/**
 * The key row for a prefix with who it belongs to: the principal, and for an agent its owner.
 * Revoked keys are returned too (with `revoked_at`), so the caller decides. Compiled once: it
 * starts every authenticated request.
 */
export async function findKeyByPrefix(db: Executor, prefix: string) {
  return (await keyByPrefix(db, { prefix })).rows[0];
}

export function touchKeyLastUsed(db: Executor, id: string) {
  return db.updateTable('api_keys').set({ last_used_at: new Date().toISOString() }).where('id', '=', id).execute();
}

/** Revokes the one active key with this prefix; returns it, or undefined. */
export function revokeKeyByPrefix(db: Executor, prefix: string) {
  return db
    .updateTable('api_keys')
    .set({ revoked_at: new Date().toISOString() })
    .where('prefix', '=', prefix)
    .where('revoked_at', 'is', null)
    .returning(['id', 'prefix', 'kind', 'principal_id', 'revoked_at'])
    .executeTakeFirst();
}

export function revokeKeysOfPrincipal(db: Executor, principalId: string) {
  return db
    .updateTable('api_keys')
    .set({ revoked_at: new Date().toISOString() })
    .where('principal_id', '=', principalId)
    .where('revoked_at', 'is', null)
    .execute();
}
