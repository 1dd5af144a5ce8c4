import { findLiveSession, touchSession } from '@parley/db/repositories/userSessions';
import { AppError } from '../appError.js';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { hashToken, isTokenShaped } from './sessionTokens.js';

const TOUCH_INTERVAL_MS = 60_000;

/**
 * A session cookie → the user it belongs to. Unknown, expired and revoked sessions answer the
 * same 401. `last_seen_at` is recorded at most once a minute, off the request's path.
 */
export async function authenticateSession(deps: CoreDeps, token: string): Promise<UserIdentity> {
  const unauthorized = () => new AppError('unauthorized', 'Your session has ended; sign in again');
  if (!isTokenShaped(token, 'pses')) throw unauthorized();
  const session = await findLiveSession(deps.db, hashToken(token));
  if (!session) throw unauthorized();
  if (Date.now() - new Date(session.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    touchSession(deps.db, session.id).catch(() => {});
  }
  return {
    kind: 'user',
    userId: session.user_id,
    organizationId: session.organization_id,
    handle: session.handle,
    keyId: '',
    sessionId: session.id,
    sessionExpiresAt: new Date(session.expires_at).toISOString(),
  };
}
