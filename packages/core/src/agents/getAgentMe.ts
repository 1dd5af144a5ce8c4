import { findAgentById } from '@parley/db/repositories/agents';
import { AppError } from '../appError.js';
import type { AgentIdentity, AgentProfile } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';

/**
 * The calling agent's own record: as the key check read it in the same request (no second
 * statement), else read now.
 */
export async function getAgentMe(deps: CoreDeps, identity: AgentIdentity): Promise<AgentProfile> {
  const agent = identity.profile ?? (await findAgentById(deps.db, identity.agentId));
  if (!agent || agent.organization_id !== identity.organizationId) throw new AppError('not_found', 'Agent not found');
  return agent;
}
