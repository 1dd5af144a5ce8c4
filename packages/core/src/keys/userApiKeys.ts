import { insertApiKey } from '@parley/db/repositories/apiKeys';
import { listActiveUserKeys, revokeUserKey } from '@parley/db/repositories/userCredentials';
import { AppError } from '../appError.js';
import { issueKey } from '../auth/apiKeys.js';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { transact } from '../idempotency/transact.js';

/** A new user API key for the caller; the key itself is returned only here. */
export async function createUserApiKey(deps: CoreDeps, identity: UserIdentity, label: string | null) {
  // The key is issued inside the transaction: a keyed retry gets the recorded one back, not a new one.
  const { row, key } = await transact(deps, async (trx) => {
    const issued = issueKey('user');
    const inserted = await insertApiKey(trx, {
      organization_id: identity.organizationId,
      principal_id: identity.userId,
      kind: 'user',
      prefix: issued.prefix,
      secret_hash: issued.hash,
      label,
    });
    return { row: inserted, key: issued.key };
  });
  return { id: row.id, prefix: row.prefix, label, inserted_at: row.inserted_at, last_used_at: null, key };
}

export function listUserApiKeys(deps: CoreDeps, identity: UserIdentity) {
  return listActiveUserKeys(deps.db, identity.userId);
}

/** Revokes one of the caller's own user keys; anything else (another's, an agent's, revoked) is 404. */
export async function revokeUserApiKey(deps: CoreDeps, identity: UserIdentity, keyId: string) {
  const revoked = await revokeUserKey(deps.db, identity.userId, keyId);
  if (!revoked) throw new AppError('not_found', 'API key not found');
  return revoked;
}
