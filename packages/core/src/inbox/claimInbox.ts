import {
  deadLetterExpired,
  type GrantedLease,
  grantLeases,
  lockClaimCandidates,
} from '@parley/db/repositories/deliveryClaims';
import type { AgentIdentity } from '../auth/identity.js';
import { requireMembership } from '../chats/roomAccess.js';
import type { CoreDeps } from '../deps.js';
import { transact } from '../idempotency/transact.js';
import type { MessageView } from '../messages/messageViews.js';
import { recordMessageUpdates } from './recordMessageUpdates.js';

export interface ClaimedMessage {
  message: MessageView;
  lease: GrantedLease;
}

/**
 * Claims up to `max` messages for the calling agent under a lease (docs/leased-claims.md), in one
 * transaction: lock the free room heads (SKIP LOCKED), dead-letter those whose attempts ran out
 * (an expired lease counts as a failed attempt), open the next attempt on the rest, publish the
 * processing change. Expired leases are reclaimed here, lazily: no timer is needed, because a
 * message only matters again when some worker asks for work.
 */
export async function claimInbox(
  deps: CoreDeps,
  identity: AgentIdentity,
  input: { max: number; leaseSeconds: number; roomId?: string | undefined },
): Promise<ClaimedMessage[]> {
  if (input.roomId) await requireMembership(deps.db, input.roomId, identity.agentId);
  const agentId = identity.agentId;
  return transact(deps, async (trx) => {
    const candidates = await lockClaimCandidates(trx, { agentId, roomId: input.roomId ?? null, max: input.max });
    const exhausted = candidates.filter((c) => c.current_attempt - c.attempt_base >= c.max_attempts);
    const free = candidates.filter((c) => c.current_attempt - c.attempt_base < c.max_attempts);
    await deadLetterExpired(trx, { agentId, messageIds: exhausted.map((c) => c.message_id) });
    const leases = await grantLeases(trx, {
      agentId,
      messageIds: free.map((c) => c.message_id),
      leaseSeconds: input.leaseSeconds,
    });
    const changed = [...exhausted.map((c) => c.message_seq), ...leases.map((l) => l.message_seq)];
    const views = await recordMessageUpdates(trx, identity.organizationId, changed);
    const viewOf = new Map(views.map((v) => [v.id, v]));
    leases.sort((a, b) => a.message_seq - b.message_seq);
    return leases.flatMap((lease) => {
      const message = viewOf.get(lease.message_id);
      return message ? [{ message: ownDeliveryOnly(message, agentId), lease }] : [];
    });
  });
}

/** The agent's view of a message people see: only its own delivery state (as `/next` shows it). */
function ownDeliveryOnly(message: MessageView, agentId: string): MessageView {
  const all = message.metadata.delivery_status as Record<string, unknown> | undefined;
  const own = all?.[agentId];
  return { ...message, metadata: { ...message.metadata, delivery_status: own ? { [agentId]: own } : {} } };
}
