import { findAttempts, findNextForAgent } from '@parley/db/repositories/messageDeliveries';
import type { AgentIdentity } from '../auth/identity.js';
import { requireMembership } from '../chats/roomAccess.js';
import type { CoreDeps } from '../deps.js';
import type { MessageView } from './messageViews.js';

/**
 * The oldest message of the room the agent has not processed (including one stuck in
 * `processing`), or null. It does not claim the message: the agent calls `/processing` next, and
 * two workers of one agent can be served the same message (the vendor protocol; documented).
 * One statement when there is a fresh message; a second one reads the attempts of a re-served
 * message, or tells an empty queue (null) from a room the agent is not in (404).
 */
export async function getNextMessage(
  deps: CoreDeps,
  identity: AgentIdentity,
  roomId: string,
): Promise<MessageView | null> {
  const next = await findNextForAgent(deps.db, identity.agentId, roomId);
  if (!next) {
    await requireMembership(deps.db, roomId, identity.agentId);
    return null;
  }
  const { delivery, ...message } = next;
  const attempts =
    delivery.current_attempt > 0
      ? (await findAttempts(deps.db, message.id, identity.agentId)).map(({ message_id, agent_id, ...a }) => a)
      : [];
  return {
    ...message,
    metadata: { ...message.metadata, delivery_status: { [identity.agentId]: { ...delivery, attempts } } },
  };
}
