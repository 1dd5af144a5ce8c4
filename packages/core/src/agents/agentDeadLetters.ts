import { listDeadLetters, retryDeadLetter, setMaxAttempts } from '@parley/db/repositories/deadLetters';
import { notFound } from '../appError.js';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { transact } from '../idempotency/transact.js';
import { lockOwnedAgent } from './lockOwnedAgent.js';

/**
 * The owner's side of leased claims (docs/leased-claims.md): the agent's attempt budget, the
 * messages it dead-lettered, and putting one back in its queue. Another user's agent is a 404.
 */

export async function setAgentMaxAttempts(
  deps: CoreDeps,
  identity: UserIdentity,
  input: { agentId: string; maxAttempts: number },
) {
  return transact(deps, async (trx) => {
    const agent = await lockOwnedAgent(trx, identity, input.agentId);
    await setMaxAttempts(trx, agent.id, input.maxAttempts);
    return { agent_id: agent.id, max_attempts: input.maxAttempts };
  });
}

export async function listAgentDeadLetters(
  deps: CoreDeps,
  identity: UserIdentity,
  input: { agentId: string; limit: number },
) {
  return transact(deps, async (trx) => {
    const agent = await lockOwnedAgent(trx, identity, input.agentId);
    return listDeadLetters(trx, agent.id, input.limit);
  });
}

/** Gives a dead-lettered message a fresh budget of attempts; 404 when it is not dead-lettered. */
export async function retryAgentDeadLetter(
  deps: CoreDeps,
  identity: UserIdentity,
  input: { agentId: string; messageId: string },
) {
  return transact(deps, async (trx) => {
    const agent = await lockOwnedAgent(trx, identity, input.agentId);
    if (!(await retryDeadLetter(trx, agent.id, input.messageId))) throw notFound('Dead-lettered message');
    return {
      message_id: input.messageId,
      agent_id: agent.id,
      status: 'failed' as const,
      dead_lettered: false as const,
    };
  });
}
