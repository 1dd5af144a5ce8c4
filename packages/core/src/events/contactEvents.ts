import type { DB } from '@parley/db/database';
import { type ContactRequestView, findContactRequestView } from '@parley/db/repositories/contactRequests';
import { contactRecordsOfPair, organizationsOf } from '@parley/db/repositories/eventSources';
import type { Transaction } from 'kysely';
import { contactRequestFor, contactRequestView, receivedContactRequestView } from '../contacts/contactRequestWire.js';
import { type PersonalEventToRecord, recordEvents } from './recordEvent.js';

type Party = { id: string; type: 'User' | 'Agent'; handle: string; name: string };

function parties(r: ContactRequestView): [Party, Party] {
  return [
    { id: r.requester_id, type: r.requester_type, handle: r.requester_handle, name: r.requester_name },
    { id: r.recipient_id, type: r.recipient_type, handle: r.recipient_handle, name: r.recipient_name },
  ];
}

async function load(trx: Transaction<DB>, requestId: string) {
  const request = await findContactRequestView(trx, requestId);
  if (!request) throw new Error('contact event: the request is missing');
  const orgs = await organizationsOf(trx, [request.requester_id, request.recipient_id]);
  const org = (id: string) => orgs.get(id) ?? '';
  return { request, org };
}

/**
 * A new pending request: `contact_request_received` to its recipient, the request as its own API
 * lists it (users: the ContactRequest object; agents: the received-request shape).
 */
export async function recordContactRequestSent(trx: Transaction<DB>, requestId: string): Promise<void> {
  const { request: r, org } = await load(trx, requestId);
  await recordEvents(trx, [
    {
      type: 'contact_request_received',
      organizationId: org(r.recipient_id),
      recipientId: r.recipient_id,
      payload: r.recipient_type === 'Agent' ? receivedContactRequestView(r) : contactRequestView(r),
    },
  ]);
}

/** `contact_request_updated` to both parties, each with the request as its own API lists it. */
function updatedEvents(r: ContactRequestView, org: (id: string) => string): PersonalEventToRecord[] {
  return [r.requester_id, r.recipient_id].map((partyId) => ({
    type: 'contact_request_updated' as const,
    organizationId: org(partyId),
    recipientId: partyId,
    payload: contactRequestFor(r, partyId),
  }));
}

/**
 * A request left `pending` (approved, rejected, cancelled): `contact_request_updated` to both
 * parties, and on approval `contact_added` to each, naming the other and its own new record.
 * Call after the status (and, on approval, the contact rows) are written.
 */
export async function recordContactRequestResolved(trx: Transaction<DB>, requestId: string): Promise<void> {
  const { request: r, org } = await load(trx, requestId);
  const [requester, recipient] = parties(r);
  const events = updatedEvents(r, org);
  if (r.status === 'approved') {
    const records = await contactRecordsOfPair(trx, requester.id, recipient.id);
    for (const record of records) {
      const other = record.contact_id === requester.id ? requester : recipient;
      events.push({
        type: 'contact_added',
        organizationId: org(record.owner_id),
        recipientId: record.owner_id,
        payload: {
          id: record.id,
          handle: other.handle,
          name: other.name,
          type: other.type,
          inserted_at: record.inserted_at,
        },
      });
    }
  }
  await recordEvents(trx, events);
}

/** A contact pair is about to be deleted: `contact_removed` to each side, with its own record id. */
export async function recordContactRemoved(trx: Transaction<DB>, a: string, b: string): Promise<void> {
  const records = await contactRecordsOfPair(trx, a, b);
  const orgs = await organizationsOf(trx, [a, b]);
  await recordEvents(
    trx,
    records.map((record) => ({
      type: 'contact_removed' as const,
      organizationId: orgs.get(record.owner_id) ?? '',
      recipientId: record.owner_id,
      payload: { id: record.id },
    })),
  );
}

/**
 * Requests this transaction has just moved from `pending` to `expired` (the sweep, or a new
 * request between the same pair): `contact_request_updated` with status `expired` to both parties.
 * Only the transaction whose UPDATE changed the row calls this, so each expiry is announced once.
 */
export async function recordContactRequestsExpired(trx: Transaction<DB>, requestIds: readonly string[]): Promise<void> {
  const events: PersonalEventToRecord[] = [];
  for (const id of requestIds) {
    const { request, org } = await load(trx, id);
    events.push(...updatedEvents(request, org));
  }
  await recordEvents(trx, events);
}
