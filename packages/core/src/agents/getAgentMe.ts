import { findAgentById } from '@parley/db/repositories/agents';
import { AppError } from '../appError.js';
import type { AgentIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';

/** The calling agent's own record. */
export async function getAgentMe(deps: CoreDeps, identity: AgentIdentity) {
  const agent = await findAgentById(deps.db, identity.agentId);
  if (!agent || agent.organization_id !== identity.organizationId) throw new AppError('not_found', 'Agent not found');
  return agent;
}
