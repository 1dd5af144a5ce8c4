import type { Executor } from '@parley/db/database';
import {
  deleteMemory,
  findMemoryInOrganization,
  findVisibleMemory,
  type MemoryRow,
  updateMemoryStatus,
} from '@parley/db/repositories/memories';
import { AppError, notFound } from '../appError.js';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { transact } from '../idempotency/transact.js';
import { type MemoryAction, statusAfter } from './memoryLifecycle.js';
import { userMemoryBranches } from './userMemoryView.js';

/**
 * Locks a memory the user may change: one whose subject is the user. A memory the user can see
 * but that is about someone else is a 403; one they cannot see at all is a 404, like a missing one.
 */
async function lockMemoryAboutCaller(trx: Executor, identity: UserIdentity, id: string): Promise<MemoryRow> {
  const memory = await findMemoryInOrganization(trx, identity.organizationId, id, { forUpdate: true });
  if (!memory) throw notFound('Memory');
  if (memory.subject_id === identity.userId) return memory;
  const filters = { organizationId: identity.organizationId, branches: userMemoryBranches(identity, 'all') };
  if (await findVisibleMemory(trx, filters, id)) {
    throw new AppError('forbidden', 'Only memories about you can be changed');
  }
  throw notFound('Memory');
}

function changeAsUser(deps: CoreDeps, identity: UserIdentity, id: string, action: MemoryAction): Promise<MemoryRow> {
  return transact(deps, async (trx) => {
    const memory = await lockMemoryAboutCaller(trx, identity, id);
    const next = statusAfter(memory.status, action);
    return next === memory.status ? memory : updateMemoryStatus(trx, memory.id, next);
  });
}

export function supersedeUserMemory(deps: CoreDeps, identity: UserIdentity, id: string) {
  return changeAsUser(deps, identity, id, 'supersede');
}

export function archiveUserMemory(deps: CoreDeps, identity: UserIdentity, id: string) {
  return changeAsUser(deps, identity, id, 'archive');
}

export function restoreUserMemory(deps: CoreDeps, identity: UserIdentity, id: string) {
  return changeAsUser(deps, identity, id, 'restore');
}

/** Deletes a memory about the user for good, whatever its status (their data, their call). */
export async function deleteUserMemory(deps: CoreDeps, identity: UserIdentity, id: string): Promise<void> {
  await transact(deps, async (trx) => {
    const memory = await lockMemoryAboutCaller(trx, identity, id);
    await deleteMemory(trx, memory.id);
  });
}
