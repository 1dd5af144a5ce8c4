import { findMemoryInOrganization, type MemoryRow, updateMemoryStatus } from '@parley/db/repositories/memories';
import { AppError, notFound } from '../appError.js';
import type { AgentIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { transact } from '../idempotency/transact.js';
import { type MemoryAction, statusAfter } from './memoryLifecycle.js';

/**
 * Moves a memory of the agent's organization through its lifecycle. Only the agent that stored
 * it may (403); the row is locked so two concurrent changes apply one after the other.
 */
async function changeAsAgent(
  deps: CoreDeps,
  identity: AgentIdentity,
  id: string,
  action: Exclude<MemoryAction, 'restore'>,
): Promise<MemoryRow> {
  return transact(deps, async (trx) => {
    const memory = await findMemoryInOrganization(trx, identity.organizationId, id, { forUpdate: true });
    if (!memory) throw notFound('Memory');
    if (memory.source_agent_id !== identity.agentId) {
      throw new AppError('forbidden', 'Only the agent that stored a memory may change it');
    }
    const next = statusAfter(memory.status, action);
    return next === memory.status ? memory : updateMemoryStatus(trx, memory.id, next);
  });
}

export function supersedeAgentMemory(deps: CoreDeps, identity: AgentIdentity, id: string) {
  return changeAsAgent(deps, identity, id, 'supersede');
}

export function archiveAgentMemory(deps: CoreDeps, identity: AgentIdentity, id: string) {
  return changeAsAgent(deps, identity, id, 'archive');
}
