import { findAgentById } from '@parley/db/repositories/agents';
import { findPlatformAgent } from '@parley/db/repositories/platformAgents';
import { notFound } from '../appError.js';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';

/**
 * One of the caller's platform agents with its settings. Another user's agent, an unknown id and
 * an external agent (which has no such settings) are the same 404.
 */
export async function getPlatformAgent(deps: CoreDeps, identity: UserIdentity, agentId: string) {
  const agent = await findAgentById(deps.db, agentId);
  if (!agent || agent.owner_id !== identity.userId || agent.organization_id !== identity.organizationId) {
    throw notFound('Platform agent');
  }
  const settings = agent.is_external ? undefined : await findPlatformAgent(deps.db, agentId);
  if (!settings) throw notFound('Platform agent');
  return { agent, settings };
}
