import { findPrincipalByHandle } from '@parley/db/repositories/principals';
import { findUserCredentialsById, setPasswordHash } from '@parley/db/repositories/userCredentials';
import { revokeSessionsOfUser } from '@parley/db/repositories/userSessions';
import { AppError } from '../appError.js';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { assertUserHandle } from '../handles/handles.js';
import { transact } from '../idempotency/transact.js';
import { hashPassword, verifyPassword } from './passwords.js';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

function assertPassword(password: string): void {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw new AppError('validation_error', `A password has ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`, {
      '/password': [`must have ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`],
    });
  }
}

/** The operator sets a user's password (`parley users set-password`); every session of the user ends. */
export async function setPasswordByHandle(deps: CoreDeps, handleInput: string, password: string) {
  const handle = assertUserHandle(handleInput);
  assertPassword(password);
  const principal = await findPrincipalByHandle(deps.db, handle);
  if (principal?.kind !== 'User') throw new AppError('not_found', `No user has the handle "${handle}"`);
  const hash = await hashPassword(password);
  await transact(deps, async (trx) => {
    await setPasswordHash(trx, principal.id, hash);
    await revokeSessionsOfUser(trx, principal.id);
  });
  return { handle };
}

/**
 * A person changes their own password. The current one is required when one is set (a stolen
 * session alone cannot take the account over); the person's other sessions end.
 */
export async function changeOwnPassword(
  deps: CoreDeps,
  identity: UserIdentity,
  input: { currentPassword?: string | undefined; newPassword: string },
) {
  assertPassword(input.newPassword);
  const user = await findUserCredentialsById(deps.db, identity.userId);
  if (!user) throw new AppError('not_found', 'User not found');
  if (user.password_hash) {
    const ok = input.currentPassword !== undefined && (await verifyPassword(input.currentPassword, user.password_hash));
    if (!ok) {
      throw new AppError('validation_error', 'The current password is not right', {
        '/current_password': ['is not right'],
      });
    }
  }
  const hash = await hashPassword(input.newPassword);
  await transact(deps, async (trx) => {
    await setPasswordHash(trx, identity.userId, hash);
    await revokeSessionsOfUser(trx, identity.userId, identity.sessionId);
  });
}
