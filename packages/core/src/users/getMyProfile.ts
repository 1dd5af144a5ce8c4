import { findUserById } from '@parley/db/repositories/users';
import { AppError } from '../appError.js';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';

/** The calling user's own record. */
export async function getMyProfile(deps: CoreDeps, identity: UserIdentity) {
  const user = await findUserById(deps.db, identity.userId);
  if (!user || user.organization_id !== identity.organizationId) throw new AppError('not_found', 'User not found');
  return user;
}
