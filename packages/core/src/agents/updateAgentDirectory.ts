import { findAgentById, updateAgentDirectory as updateRow } from '@parley/db/repositories/agents';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { transact } from '../idempotency/transact.js';
import { lockOwnedAgent } from './lockOwnedAgent.js';

export interface AgentDirectoryInput {
  listed_in_directory?: boolean | undefined;
  shared_with_organization?: boolean | undefined;
  tags?: string[] | undefined;
}

/**
 * The owner sets whether the agent is listed in the directory, shared with the organization, and
 * its tags (docs/peers.md): what the peers of the organization's users and agents read. Another
 * user's agent and an unknown id are 404.
 */
export async function updateAgentDirectory(
  deps: CoreDeps,
  identity: UserIdentity,
  agentId: string,
  input: AgentDirectoryInput,
) {
  return transact(deps, async (trx) => {
    const agent = await lockOwnedAgent(trx, identity, agentId);
    const values: { listed_in_directory?: boolean; shared_with_organization?: boolean; tags?: string[] } = {};
    if (input.listed_in_directory !== undefined) values.listed_in_directory = input.listed_in_directory;
    if (input.shared_with_organization !== undefined) values.shared_with_organization = input.shared_with_organization;
    // The same tag twice means nothing more: kept once, in the order given.
    if (input.tags !== undefined) values.tags = [...new Set(input.tags)];
    if (Object.keys(values).length === 0) return agent;
    await updateRow(trx, agent.id, values);
    const updated = await findAgentById(trx, agent.id);
    if (!updated) throw new Error('the locked agent vanished');
    return updated;
  });
}
