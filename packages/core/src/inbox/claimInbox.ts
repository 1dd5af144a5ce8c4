import { claimDeliveries } from '@parley/db/repositories/deliveryClaims';
import type { AgentIdentity } from '../auth/identity.js';
import { requireMembership } from '../chats/roomAccess.js';
import type { CoreDeps } from '../deps.js';
import { oneStatement } from '../idempotency/oneStatement.js';
import type { MessageView } from '../messages/messageViews.js';

/** A lease granted by a claim (docs/leased-claims.md). */
export interface GrantedLease {
  message_id: string;
  message_seq: number;
  current_attempt: number;
  lease_token: string;
  lease_expires_at: string;
}

export interface ClaimedMessage {
  message: MessageView;
  lease: GrantedLease;
}

/**
 * Claims up to `max` messages for the calling agent under a lease (docs/leased-claims.md), in one
 * statement (`claimDeliveries`; inside the recording transaction when the request carries an
 * `Idempotency-Key`): lock the free room heads (SKIP LOCKED), dead-letter those whose
 * attempts ran out (an expired lease counts as a failed attempt), open the next attempt on the
 * rest, publish the processing change. Expired leases are reclaimed here, lazily: no timer is
 * needed, because a message only matters again when some worker asks for work.
 */
export async function claimInbox(
  deps: CoreDeps,
  identity: AgentIdentity,
  input: { max: number; leaseSeconds: number; roomId?: string | undefined },
): Promise<ClaimedMessage[]> {
  if (input.roomId) await requireMembership(deps.db, input.roomId, identity.agentId);
  const agentId = identity.agentId;
  return oneStatement(deps, async (db) => {
    const claimed = await claimDeliveries(db, {
      agentId,
      organizationId: identity.organizationId,
      roomId: input.roomId ?? null,
      max: input.max,
      leaseSeconds: input.leaseSeconds,
    });
    return claimed.flatMap((c) => {
      if (c.exhausted || c.lease_token === null || c.lease_expires_at === null) return [];
      const message = { ...(c.view as Omit<MessageView, 'seq'>), seq: c.message_seq };
      return [
        {
          message: ownDeliveryOnly(message, agentId),
          lease: {
            message_id: c.message_id,
            message_seq: c.message_seq,
            current_attempt: c.current_attempt,
            lease_token: c.lease_token,
            lease_expires_at: c.lease_expires_at,
          },
        },
      ];
    });
  });
}

/** The agent's view of a message people see: only its own delivery state (as `/next` shows it). */
function ownDeliveryOnly(message: MessageView, agentId: string): MessageView {
  const all = message.metadata.delivery_status as Record<string, unknown> | undefined;
  const own = all?.[agentId];
  return { ...message, metadata: { ...message.metadata, delivery_status: own ? { [agentId]: own } : {} } };
}
