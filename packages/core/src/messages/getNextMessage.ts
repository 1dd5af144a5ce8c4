import { findNextForAgent } from '@parley/db/repositories/messageDeliveries';
import type { AgentIdentity } from '../auth/identity.js';
import { requireMembership } from '../chats/roomAccess.js';
import type { CoreDeps } from '../deps.js';
import { type MessageView, withDeliveryStatus } from './messageViews.js';

/**
 * The oldest message of the room the agent has not processed (including one stuck in
 * `processing`), or null. It does not claim the message: the agent calls `/processing` next, and
 * two workers of one agent can be served the same message (the vendor protocol; documented).
 */
export async function getNextMessage(
  deps: CoreDeps,
  identity: AgentIdentity,
  roomId: string,
): Promise<MessageView | null> {
  await requireMembership(deps.db, roomId, identity.agentId);
  const row = await findNextForAgent(deps.db, identity.agentId, roomId);
  if (!row) return null;
  const [view] = await withDeliveryStatus(deps.db, [row], { kind: 'agent', agentId: identity.agentId });
  return view ?? null;
}
