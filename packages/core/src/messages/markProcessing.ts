import { bumpAttempt, insertProcessingDelivery, startAttempt } from '@parley/db/repositories/deliveryLifecycle';
import type { AgentIdentity } from '../auth/identity.js';
import { requireMembership } from '../chats/roomAccess.js';
import type { CoreDeps } from '../deps.js';
import { recordMessageEvent } from '../events/messageEvents.js';
import { transact } from '../idempotency/transact.js';
import { requireProcessableMessage } from './processableMessage.js';

/**
 * Starts a new processing attempt of a message by the calling agent (docs/processing.md): attempt n+1, state
 * `processing`. It may be called at any time, again and again (crash recovery re-claims). The
 * delivery row's UPDATE takes its row lock, so concurrent calls get attempts 1 and 2, never two
 * of the same number. A message that mentions the agent only as a reference gets its delivery
 * row on this first call.
 */
export async function markProcessing(
  deps: CoreDeps,
  identity: AgentIdentity,
  input: { roomId: string; messageId: string },
) {
  const membership = await requireMembership(deps.db, input.roomId, identity.agentId);
  const key = { roomId: input.roomId, messageId: input.messageId, agentId: identity.agentId };
  const attempt = await transact(deps, async (trx) => {
    let n = await bumpAttempt(trx, key);
    if (n === undefined) {
      const message = await requireProcessableMessage(trx, input.roomId, input.messageId, identity.agentId);
      const created = await insertProcessingDelivery(trx, {
        message_id: message.id,
        agent_id: identity.agentId,
        chat_room_id: input.roomId,
        message_seq: message.seq,
      });
      // Lost a race to create it: the other call's row now exists, so take the next number.
      n = created ? 1 : await bumpAttempt(trx, key);
      if (n === undefined) throw new Error('delivery vanished while starting an attempt');
    }
    await startAttempt(trx, input.messageId, identity.agentId, n);
    await recordMessageEvent(trx, 'message_updated', {
      messageId: input.messageId,
      organizationId: membership.organizationId,
    });
    return n;
  });
  return { id: input.messageId, status: 'processing' as const, attempt_number: attempt };
}
