import { clearAccountFailures, countSignInFailures, recordSignInFailure } from '@parley/db/repositories/signInFailures';
import { findUserCredentialsByEmail } from '@parley/db/repositories/userCredentials';
import { AppError } from '../appError.js';
import type { CoreDeps } from '../deps.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { signInSettings } from './signInSettings.js';
import { type StartedSession, startSession } from './startSession.js';

/**
 * Email and password → a new session. An unknown email, a user without a password and a wrong
 * password all answer the same 401 `invalid_credentials` after the same scrypt work. Failures are
 * counted per account and per client IP in the database (so every instance sees them); past
 * either limit within the window the answer is 429 before any password is checked.
 */
export async function signInWithPassword(
  deps: CoreDeps,
  input: { email: string; password: string; ip: string },
): Promise<StartedSession> {
  const settings = signInSettings(deps.signIn);
  const account = input.email.trim().toLowerCase();
  const since = new Date(Date.now() - settings.windowMs).toISOString();
  const failures = await countSignInFailures(deps.db, account, input.ip, since);
  const accountBlocked = failures.account >= settings.maxFailuresPerAccount;
  if (accountBlocked || failures.ip >= settings.maxFailuresPerIp) {
    const oldest = accountBlocked ? failures.account_oldest : failures.ip_oldest;
    const retryAfter = oldest
      ? Math.max(1, Math.ceil((new Date(oldest).getTime() + settings.windowMs - Date.now()) / 1000))
      : Math.ceil(settings.windowMs / 1000);
    throw new AppError('rate_limited', 'Too many failed sign-in attempts; try again later', {
      retry_after_seconds: retryAfter,
    });
  }

  const user = await findUserCredentialsByEmail(deps.db, account);
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash()));
  if (!user?.password_hash || !ok) {
    await recordSignInFailure(deps.db, account, input.ip, since);
    throw new AppError('invalid_credentials');
  }
  await clearAccountFailures(deps.db, account);
  return startSession(deps.db, user, settings.sessionTtlMs);
}
