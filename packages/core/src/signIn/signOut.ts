import { revokeSession, revokeSessionsOfUser } from '@parley/db/repositories/userSessions';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';

/**
 * Ends the caller's session, or with `everywhere` every session of the user. Signing out with an
 * API key (no session) and `everywhere` ends all browser sessions; without it nothing changes.
 */
export async function signOut(deps: CoreDeps, identity: UserIdentity, everywhere: boolean): Promise<void> {
  if (everywhere) await revokeSessionsOfUser(deps.db, identity.userId);
  else if (identity.sessionId) await revokeSession(deps.db, identity.sessionId);
}
