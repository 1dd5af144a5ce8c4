import { revokeKeyByPrefix } from '@parley/db/repositories/apiKeys';
import { notifyCredentialsChanged } from '@parley/db/repositories/credentialNotices';
import { AppError } from '../appError.js';
import type { CoreDeps } from '../deps.js';
import { transact } from '../idempotency/transact.js';

/**
 * Revokes the active key with this prefix (as printed by `parley users create`): from the next
 * request on, the key answers 401, and streams and sockets open with it are closed. A full key is accepted too; only its prefix is used.
 */
export async function revokeKey(deps: CoreDeps, prefixOrKey: string) {
  const prefix = prefixOrKey.trim().split('_').slice(0, 4).join('_');
  const match = /^thnv_[ua]_\d+_[A-Za-z0-9]{8}/.exec(prefix);
  if (!match) throw new AppError('validation_error', 'Not a key prefix', { '/prefix': ['is not a key prefix'] });
  return transact(deps, async (trx) => {
    const revoked = await revokeKeyByPrefix(trx, match[0]);
    if (!revoked) throw new AppError('not_found', 'No active key has that prefix');
    // Open event streams and sockets of this key end at once, on every instance.
    await notifyCredentialsChanged(trx, [revoked.principal_id]);
    return revoked;
  });
}
