import { findAgentById } from '@parley/db/repositories/agents';
import { AppError } from '../appError.js';
import type { CoreDeps } from '../deps.js';
import type { AgentIdentity } from './identity.js';

/** Marks the identity of a platform agent, which acts without a key (`keyId` names no key row). */
export const PLATFORM_KEY_ID = 'platform';

/**
 * The identity of a platform agent acting inside the server (its runtime calls the Agent API
 * in-process, never over the network). Established by the server, never from a request. An agent
 * deleted meanwhile, or one that is not a platform agent, answers 401 like a revoked key, which
 * ends its loop.
 */
export async function platformAgentIdentity(deps: CoreDeps, agentId: string): Promise<AgentIdentity> {
  const agent = await findAgentById(deps.db, agentId);
  if (!agent || agent.is_external) throw new AppError('unauthorized', 'The platform agent no longer exists');
  return {
    kind: 'agent',
    agentId: agent.id,
    ownerId: agent.owner_id,
    organizationId: agent.organization_id,
    handle: agent.handle,
    keyId: PLATFORM_KEY_ID,
  };
}
