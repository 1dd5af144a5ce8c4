import { deleteContactPair, findContactRecord } from '@parley/db/repositories/contacts';
import { AppError, notFound } from '../appError.js';
import { type Identity, principalIdOf } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { recordContactRemoved } from '../events/contactEvents.js';
import { transact } from '../idempotency/transact.js';
import { findContactTarget } from './findContactTarget.js';

export interface RemoveContactInput {
  /** The caller's contact record id (the `id` of a Contact / AgentContact). Wins over `handle`. */
  contact_id?: string | null | undefined;
  handle?: string | null | undefined;
}

/**
 * Ends a contact relation in both directions at once (one DELETE of both rows). Neither
 * identifier → 400 `identifier_required`; a record of someone else, an unknown handle, or a
 * principal who is not a contact → 404. Past requests stay as history; either side may ask again.
 */
export async function removeContact(
  deps: CoreDeps,
  identity: Identity,
  input: RemoveContactInput,
): Promise<{ status: 'removed' }> {
  const me = principalIdOf(identity);
  let other: string;
  if (input.contact_id) {
    const record = await findContactRecord(deps.db, me, input.contact_id);
    if (!record) throw notFound('Contact');
    other = record.contact_id;
  } else if (input.handle) {
    other = (await findContactTarget(deps, input.handle)).id;
  } else {
    throw new AppError('identifier_required', 'Give either contact_id or handle');
  }
  const removed = await transact(deps, async (trx) => {
    await recordContactRemoved(trx, me, other);
    return deleteContactPair(trx, me, other);
  });
  if (removed === 0) throw notFound('Contact');
  return { status: 'removed' };
}
