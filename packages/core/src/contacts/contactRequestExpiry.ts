import type { Database } from '@parley/db/database';
import { expireDuePending } from '@parley/db/repositories/contactRequests';
import { recordContactRequestsExpired } from '../events/contactEvents.js';

/**
 * Pending contact requests expire 30 days after they were sent (docs/contacts.md, a Parley decision).
 *
 * How expiry works: every read and every state check computes the effective status (`pending`
 * past `expires_at` reads as `expired`; see `@parley/db/repositories/contactRequests`), so lists
 * show it as expired and approving, rejecting or cancelling it answers 409 the moment it expires.
 * The row moves to `expired`, and both parties get `contact_request_updated` with status
 * `expired`, in whichever transaction changes it first: every instance's sweep
 * ({@link sweepExpiredContactRequests}), or a new request between the same pair, which first
 * persists the old one's expiry to free the one-pending-per-pair unique index.
 */
export const CONTACT_REQUEST_TTL_DAYS = 30;

const SWEEP_BATCH = 200;

/**
 * Persists and announces every pending request past its expiry, each in the transaction that
 * moves it to `expired`: however many instances sweep, each expiry is announced exactly once.
 * Returns how many expired.
 */
export async function sweepExpiredContactRequests(db: Database): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const ids = await expireDuePending(trx, SWEEP_BATCH);
      if (ids.length > 0) await recordContactRequestsExpired(trx, ids);
      return ids.length;
    });
    total += n;
    if (n < SWEEP_BATCH) return total;
  }
}
