import { extendLeases, type LeaseRef } from '@parley/db/repositories/deliveryClaims';
import type { AgentIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';

/** Renews the leases the agent still holds; the others are `lease_lost`. One statement. */
export async function extendInbox(
  deps: CoreDeps,
  identity: AgentIdentity,
  input: { leases: LeaseRef[]; leaseSeconds: number },
) {
  const renewed = await extendLeases(deps.db, {
    agentId: identity.agentId,
    leases: input.leases,
    leaseSeconds: input.leaseSeconds,
  });
  const expiryOf = new Map(renewed.map((r) => [r.message_id, r.lease_expires_at]));
  return input.leases.map(({ message_id }) => {
    const expiry = expiryOf.get(message_id);
    return expiry
      ? { message_id, result: 'extended' as const, lease_expires_at: expiry }
      : { message_id, result: 'lease_lost' as const, lease_expires_at: null };
  });
}
