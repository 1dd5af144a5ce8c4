import { findPrincipalByHandle } from '@parley/db/repositories/principals';
import { consumeSignInLink, insertSignInLink } from '@parley/db/repositories/signInLinks';
import { findUserCredentialsById } from '@parley/db/repositories/userCredentials';
import { AppError } from '../appError.js';
import type { CoreDeps } from '../deps.js';
import { assertUserHandle } from '../handles/handles.js';
import { transact } from '../idempotency/transact.js';
import { hashToken, issueToken, isTokenShaped } from './sessionTokens.js';
import { SIGN_IN_LINK_TTL_MS, signInSettings } from './signInSettings.js';
import { type StartedSession, startSession } from './startSession.js';

/** The path of the web app's page that redeems a link; the token rides in the fragment, never in logs. */
export function signInLinkPath(token: string): string {
  return `/sign-in/link#token=${token}`;
}

/** A one-time sign-in link for a user (15 minutes, used once), by user id. */
export async function createSignInLinkForUser(deps: CoreDeps, userId: string) {
  const { token, hash } = issueToken('plnk');
  const row = await insertSignInLink(deps.db, {
    user_id: userId,
    token_hash: hash,
    expires_at: new Date(Date.now() + SIGN_IN_LINK_TTL_MS).toISOString(),
  });
  return { token, path: signInLinkPath(token), expiresAt: new Date(row.expires_at).toISOString() };
}

/** The same, by a user's handle (the CLI's `users login-link --handle ada`). */
export async function createSignInLink(deps: CoreDeps, handleInput: string) {
  const handle = assertUserHandle(handleInput);
  const principal = await findPrincipalByHandle(deps.db, handle);
  if (principal?.kind !== 'User') throw new AppError('not_found', `No user has the handle "${handle}"`);
  return { handle, ...(await createSignInLinkForUser(deps, principal.id)) };
}

/** Redeems a link: marks it used (once, atomically) and opens a session. */
export async function redeemSignInLink(deps: CoreDeps, token: string): Promise<StartedSession> {
  const invalid = () => new AppError('invalid_sign_in_link');
  if (!isTokenShaped(token, 'plnk')) throw invalid();
  return transact(deps, async (trx) => {
    const link = await consumeSignInLink(trx, hashToken(token));
    if (!link) throw invalid();
    const user = await findUserCredentialsById(trx, link.user_id);
    if (!user) throw invalid();
    return startSession(trx, user, signInSettings(deps.signIn).sessionTtlMs);
  });
}
