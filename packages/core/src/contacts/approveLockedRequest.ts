import type { Executor } from '@parley/db/database';
import { resolveContactRequest } from '@parley/db/repositories/contactRequests';
import { insertContactPair } from '@parley/db/repositories/contacts';

/**
 * Approves a pending request whose row the caller's transaction has locked: marks it approved
 * and makes the two parties contacts of each other (one row per direction), atomically with the
 * caller's transaction. The row lock is what makes a concurrent second approval see `approved`.
 */
export async function approveLockedRequest(
  trx: Executor,
  request: { id: string; requester_id: string; recipient_id: string },
): Promise<void> {
  await resolveContactRequest(trx, request.id, 'approved');
  await insertContactPair(trx, request.requester_id, request.recipient_id);
}
