import { findMemoryInOrganization, type MemoryRow } from '@parley/db/repositories/memories';
import { notFound } from '../appError.js';
import type { AgentIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';

/** Any memory of the agent's organization, whatever its scope or status. */
export async function getAgentMemory(deps: CoreDeps, identity: AgentIdentity, id: string): Promise<MemoryRow> {
  const memory = await findMemoryInOrganization(deps.db, identity.organizationId, id);
  if (!memory) throw notFound('Memory');
  return memory;
}
