import { type LeaseRef, settleLeases } from '@parley/db/repositories/deliveryClaims';
import { validationError } from '../appError.js';
import type { AgentIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { oneStatement } from '../idempotency/oneStatement.js';
import { isUnstorableText, UNSTORABLE_TEXT } from '../messages/unstorableText.js';

type LeaseInput = LeaseRef & { error?: string; retry_after_seconds?: number; dead_letter?: boolean };

export interface SettleResult {
  message_id: string;
  result: 'processed' | 'failed' | 'dead_lettered' | 'lease_lost';
  attempt_number: number | null;
}

/**
 * Acks (`processed`) or fails leased messages and publishes the change, in one statement. Each
 * lease settles on its own: one that is no longer held is reported `lease_lost` and the rest go
 * through, so a worker's batch is never refused for one late message.
 */
export async function settleInbox(
  deps: CoreDeps,
  identity: AgentIdentity,
  input: { leases: LeaseInput[]; outcome: 'processed' | 'failed' },
): Promise<SettleResult[]> {
  input.leases.forEach((lease, i) => {
    if (lease.error !== undefined && isUnstorableText(lease.error)) {
      throw validationError(`/leases/${i}/error`, UNSTORABLE_TEXT);
    }
  });
  const settled = await oneStatement(deps, (db) =>
    settleLeases(db, {
      agentId: identity.agentId,
      organizationId: identity.organizationId,
      leases: input.leases.map((l) => ({
        message_id: l.message_id,
        lease_token: l.lease_token,
        error: l.error,
        retryAfterSeconds: l.retry_after_seconds,
        deadLetter: l.dead_letter,
      })),
      outcome: input.outcome,
    }),
  );
  const byId = new Map(settled.map((r) => [r.message_id, r]));
  return input.leases.map(({ message_id }) => {
    const row = byId.get(message_id);
    if (!row) return { message_id, result: 'lease_lost', attempt_number: null };
    const result = input.outcome === 'processed' ? 'processed' : row.dead_lettered ? 'dead_lettered' : 'failed';
    return { message_id, result, attempt_number: row.current_attempt };
  });
}
