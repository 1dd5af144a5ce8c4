import type { Executor } from '@parley/db/database';
import { lockOwnedAgent as lockRow } from '@parley/db/repositories/agents';
import { notFound } from '../appError.js';
import type { UserIdentity } from '../auth/identity.js';

/**
 * The caller's agent, locked for the rest of the transaction. Another user's agent and an unknown
 * id are the same 404, so the answer never reveals that an agent exists.
 */
export async function lockOwnedAgent(trx: Executor, identity: UserIdentity, agentId: string) {
  const agent = await lockRow(trx, identity.userId, agentId);
  if (!agent || agent.organization_id !== identity.organizationId) throw notFound('Agent');
  return agent;
}
