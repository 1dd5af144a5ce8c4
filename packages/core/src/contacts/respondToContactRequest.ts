import { lockContactRequest, resolveContactRequest } from '@parley/db/repositories/contactRequests';
import { AppError, notFound } from '../appError.js';
import { type Identity, principalIdOf } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { recordContactRequestResolved } from '../events/contactEvents.js';
import { transact } from '../idempotency/transact.js';
import { approveLockedRequest } from './approveLockedRequest.js';

export type ContactRequestAction = 'approve' | 'reject' | 'cancel';

const RESULT_STATUS = { approve: 'approved', reject: 'rejected', cancel: 'cancelled' } as const;

export interface ContactRequestResponse {
  id: string;
  status: (typeof RESULT_STATUS)[ContactRequestAction];
}

/**
 * Approves, rejects or cancels one request, with the vendor's status rules:
 * - not a party to it (or no such request) → 404: a stranger never learns it exists;
 * - a party in the wrong role → 403 (only the recipient approves or rejects, only the requester
 *   cancels);
 * - no longer pending (approved, rejected, cancelled, or expired) → 409.
 * The row is locked first, so of two concurrent approvals one wins and the other gets 409;
 * approval writes the status and both contact rows in the same transaction.
 */
export async function respondToContactRequest(
  deps: CoreDeps,
  identity: Identity,
  input: { requestId: string; action: ContactRequestAction },
): Promise<ContactRequestResponse> {
  const me = principalIdOf(identity);
  return transact(deps, async (trx) => {
    const request = await lockContactRequest(trx, input.requestId);
    if (!request || (request.requester_id !== me && request.recipient_id !== me)) {
      throw notFound('Contact request');
    }
    const mustBe = input.action === 'cancel' ? request.requester_id : request.recipient_id;
    if (mustBe !== me) {
      const who = input.action === 'cancel' ? 'the requester' : 'the recipient';
      throw new AppError('forbidden', `Only ${who} may ${input.action} this request`);
    }
    if (request.status !== 'pending') {
      throw new AppError('conflict', `The request is already ${request.status}`, { status: request.status });
    }
    if (input.action === 'approve') await approveLockedRequest(trx, request);
    else await resolveContactRequest(trx, request.id, RESULT_STATUS[input.action]);
    await recordContactRequestResolved(trx, request.id);
    return { id: request.id, status: RESULT_STATUS[input.action] };
  });
}
