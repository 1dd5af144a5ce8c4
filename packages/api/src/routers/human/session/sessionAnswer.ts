import type { CoreDeps } from '@parley/core/deps';
import type { StartedSession } from '@parley/core/signIn/startSession';
import { findUserById } from '@parley/db/repositories/users';
import { toUserDetails } from '../../../shape/userDetails.js';

/** The answer of a sign-in: who is signed in and until when. */
export async function sessionAnswer(deps: CoreDeps, session: StartedSession) {
  const user = await findUserById(deps.db, session.userId);
  if (!user) throw new Error('user of a new session vanished');
  return { data: { user: toUserDetails(user), via: 'session' as const, expires_at: session.expiresAt } };
}
