import { findVisibleMemory, type MemoryRow } from '@parley/db/repositories/memories';
import { notFound } from '../appError.js';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { userMemoryBranches } from './userMemoryView.js';

/** A memory the user can see (see `userMemoryBranches`), whatever its status; else a 404. */
export async function getUserMemory(deps: CoreDeps, identity: UserIdentity, id: string): Promise<MemoryRow> {
  const memory = await findVisibleMemory(
    deps.db,
    { organizationId: identity.organizationId, branches: userMemoryBranches(identity, 'all') },
    id,
  );
  if (!memory) throw notFound('Memory');
  return memory;
}
