import { findAgentById } from '@parley/db/repositories/agents';
import { AppError } from '../appError.js';
import type { CoreDeps } from '../deps.js';
import { authenticate } from './authenticate.js';
import type { Identity } from './identity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who a socket connects as (docs/realtime.md): the key's user or agent, or, with `agent_id`, an agent
 * acting through its owner's user key. An `agent_id` that is not the agent key's own agent, or
 * not an agent of the user key's owner, is refused without saying whether the agent exists.
 */
export async function resolveSocketIdentity(
  deps: CoreDeps,
  apiKey: string | undefined,
  agentId: string | undefined,
): Promise<Identity> {
  const identity = await authenticate(deps, apiKey);
  if (agentId === undefined || agentId === '') return identity;
  const refused = new AppError('forbidden', 'This key cannot connect as that agent');
  if (!UUID.test(agentId)) throw refused;
  if (identity.kind === 'agent') {
    if (identity.agentId !== agentId.toLowerCase()) throw refused;
    return identity;
  }
  const agent = await findAgentById(deps.db, agentId.toLowerCase());
  // A platform agent is run by Parley itself: nobody else may speak for it.
  if (!agent || agent.owner_id !== identity.userId || !agent.is_external) throw refused;
  return {
    kind: 'agent',
    agentId: agent.id,
    ownerId: identity.userId,
    organizationId: agent.organization_id,
    handle: agent.handle,
    keyId: identity.keyId,
  };
}
