import {
  deadLetterExpired,
  type GrantedLease,
  grantLeases,
  lockClaimCandidates,
} from '@parley/db/repositories/deliveryClaims';
import { findMessageViewsBySeq } from '@parley/db/repositories/messages';
import type { AgentIdentity } from '../auth/identity.js';
import { requireMembership } from '../chats/roomAccess.js';
import type { CoreDeps } from '../deps.js';
import { type MessageView, withDeliveryStatus } from '../messages/messageViews.js';
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
  return deps.db.transaction().execute(async (trx) => {
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
    await recordMessageUpdates(trx, identity.organizationId, changed);
    if (leases.length === 0) return [];
    leases.sort((a, b) => a.message_seq - b.message_seq);
    const views = await withDeliveryStatus(
      trx,
      await findMessageViewsBySeq(
        trx,
        leases.map((l) => l.message_seq),
      ),
      { kind: 'agent', agentId },
    );
    const viewOf = new Map(views.map((v) => [v.id, v]));
    return leases.flatMap((lease) => {
      const message = viewOf.get(lease.message_id);
      return message ? [{ message, lease }] : [];
    });
  });
}
