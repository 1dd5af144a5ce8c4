import { countAgentHistory, deleteAgentExecutions, hasHistory } from '@parley/db/repositories/agentHistory';
import { deleteAgentPrincipal } from '@parley/db/repositories/agents';
import { notifyCredentialsChanged } from '@parley/db/repositories/credentialNotices';
import { handOverSoleOwnerships, leaveAllRooms } from '@parley/db/repositories/roomDeparture';
import { AppError } from '../appError.js';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { recordPrincipalDeleted } from '../events/principalEvents.js';
import { transact } from '../idempotency/transact.js';
import { releaseQuota } from '../quota/reserveQuota.js';
import { lockOwnedAgent } from './lockOwnedAgent.js';

function count(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Deletes one of the caller's agents, in one transaction:
 *
 * - An agent with history (messages it sent, messages delivered to it, memories it wrote) is
 *   kept unless `force` is set: 422 naming what it has. With `force` the history goes too.
 * - Its API keys go at once: the next request with one is a 401.
 * - It leaves every room, giving back its participant seat in each. A room it was the only owner
 *   of gets a new owner (its owner user if present, else the longest-standing admin, else
 *   member), so no room is left that nobody may manage.
 * - Its contacts, contact requests, deliveries, processing attempts and memories (written by it
 *   or about it) are deleted. Messages it sent stay in their rooms, with no sender id.
 * - One unit of the organization's `agents` quota is released.
 *
 * `executionsDeleted` counts the processing attempts (`/processing` calls) removed: the vendor's
 * "executions". It is 0 without `force`, since an agent with any is refused then.
 */
export async function deleteAgent(deps: CoreDeps, identity: UserIdentity, input: { agentId: string; force: boolean }) {
  return transact(deps, async (trx) => {
    const agent = await lockOwnedAgent(trx, identity, input.agentId);
    const history = await countAgentHistory(trx, agent.id);
    if (hasHistory(history) && !input.force) {
      const message =
        `The agent has history (${count(history.messagesSent, 'message', 'messages')} sent, ` +
        `${count(history.deliveries, 'delivery', 'deliveries')}, ` +
        `${count(history.executions, 'execution', 'executions')}, ` +
        `${count(history.memories, 'memory', 'memories')}). ` +
        'Delete with force=true to delete it and its history.';
      throw new AppError('validation_error', message, { '/force': [message] });
    }
    const executionsDeleted = await deleteAgentExecutions(trx, agent.id);
    await handOverSoleOwnerships(trx, agent.id, agent.owner_id);
    await recordPrincipalDeleted(trx, { principalId: agent.id, type: 'Agent', name: agent.name, handle: agent.handle });
    await leaveAllRooms(trx, agent.id);
    if (!(await deleteAgentPrincipal(trx, agent.id))) throw new Error('agent vanished under its lock');
    await notifyCredentialsChanged(trx, [agent.id]); // at commit: its open streams and sockets end
    await releaseQuota(trx, { resource: 'agents', scopeId: identity.organizationId });
    return { agent, executionsDeleted };
  });
}
