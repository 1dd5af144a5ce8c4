import { isUniqueViolation } from '@parley/db/errors';
import {
  type ContactRequestView,
  expirePendingBetween,
  findContactRequestView,
  insertContactRequest,
  lockPendingBetween,
} from '@parley/db/repositories/contactRequests';
import { isContact } from '@parley/db/repositories/contacts';
import { AppError } from '../appError.js';
import { type Identity, principalIdOf } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import {
  recordContactRequestResolved,
  recordContactRequestSent,
  recordContactRequestsExpired,
} from '../events/contactEvents.js';
import { transact } from '../idempotency/transact.js';
import { approveLockedRequest } from './approveLockedRequest.js';
import { CONTACT_REQUEST_TTL_DAYS } from './contactRequestExpiry.js';
import { findContactTarget } from './findContactTarget.js';

export interface SendContactRequestInput {
  handle: string;
  message?: string | null | undefined;
}

export interface SendContactRequestResult {
  /** `pending`: a new request; `approved`: the other side's pending request was accepted. */
  outcome: 'pending' | 'approved';
  request: ContactRequestView;
}

/** How many times a send is retried after losing a race for the pair's pending slot. */
const ATTEMPTS = 3;

/**
 * Asks the principal with `handle` (user or agent, any organization: handles are global) to
 * become a contact of the caller (user or agent). Rules (docs/contacts.md):
 * - yourself, an existing contact, or a pending request of yours to them → 409 `conflict`;
 * - if they already have a pending request to you, it is approved instead (auto-approve), and
 *   that request is returned with status `approved`;
 * - otherwise a new `pending` request expiring in 30 days is created.
 * Concurrent sends between one pair race on the one-pending-per-pair unique index; the loser
 * retries and then sees the winner's request (its own → 409, the other side's → auto-approve).
 */
export async function sendContactRequest(
  deps: CoreDeps,
  identity: Identity,
  input: SendContactRequestInput,
): Promise<SendContactRequestResult> {
  const me = principalIdOf(identity);
  const target = await findContactTarget(deps, input.handle);
  if (target.id === me) throw new AppError('conflict', 'You cannot send a contact request to yourself');
  const message = input.message?.trim() ? input.message : null;

  for (let attempt = 1; ; attempt++) {
    try {
      const { id, outcome } = await transact(deps, async (trx) => {
        const expired = await expirePendingBetween(trx, me, target.id);
        if (expired.length > 0) await recordContactRequestsExpired(trx, expired);
        if (await isContact(trx, me, target.id)) {
          throw new AppError('conflict', `You and ${target.handle} are already contacts`);
        }
        const pending = await lockPendingBetween(trx, me, target.id);
        if (pending?.requester_id === me) {
          throw new AppError('conflict', `You already have a pending request to ${target.handle}`);
        }
        if (pending) {
          await approveLockedRequest(trx, pending);
          await recordContactRequestResolved(trx, pending.id);
          return { id: pending.id, outcome: 'approved' as const };
        }
        const created = await insertContactRequest(trx, {
          requester_id: me,
          recipient_id: target.id,
          message,
          ttlDays: CONTACT_REQUEST_TTL_DAYS,
        });
        await recordContactRequestSent(trx, created.id);
        return { id: created.id, outcome: 'pending' as const };
      });
      const request = await findContactRequestView(deps.db, id);
      if (!request) throw new Error('contact request vanished after commit');
      return { outcome, request };
    } catch (error) {
      if (!isUniqueViolation(error, 'contact_requests_one_pending_idx')) throw error;
      if (attempt >= ATTEMPTS) throw new AppError('conflict', 'A pending request between you already exists');
    }
  }
}
