import { updateUserNames } from '@parley/db/repositories/users';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { getMyProfile } from './getMyProfile.js';

/**
 * Changes the caller's names. An omitted field keeps its value; null or an empty string clears it.
 */
export async function updateMyProfile(
  deps: CoreDeps,
  identity: UserIdentity,
  patch: { first_name?: string | null | undefined; last_name?: string | null | undefined },
) {
  const set: { first_name?: string | null; last_name?: string | null } = {};
  if (patch.first_name !== undefined) set.first_name = patch.first_name || null;
  if (patch.last_name !== undefined) set.last_name = patch.last_name || null;
  if (Object.keys(set).length > 0) await updateUserNames(deps.db, identity.userId, set);
  return getMyProfile(deps, identity);
}
