/**
 * Pending contact requests expire 30 days after they were sent (docs/contacts.md, a Parley decision).
 *
 * How expiry works: the row's `status` stays `pending` until something needs the slot, but every
 * read and every state check computes the effective status (`pending` past `expires_at` reads as
 * `expired`; see `@parley/db/repositories/contactRequests`). So lists show it as expired, approving,
 * rejecting or cancelling it answers 409, and no sweeper process is needed. Sending a new request
 * between the same pair first persists the old one as `expired`, which frees the one-pending-per-
 * pair unique index for the new row.
 */
export const CONTACT_REQUEST_TTL_DAYS = 30;
