import type { DB } from '@parley/db/database';
import { type ContactRequestView, findContactRequestView } from '@parley/db/repositories/contactRequests';
import { contactRecordsOfPair, organizationsOf } from '@parley/db/repositories/eventSources';
import type { Transaction } from 'kysely';
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

/** A new pending request: `contact_request_received` to its recipient, in the shape of its API. */
export async function recordContactRequestSent(trx: Transaction<DB>, requestId: string): Promise<void> {
  const { request: r, org } = await load(trx, requestId);
  const payload =
    r.recipient_type === 'Agent'
      ? {
          id: r.id,
          from_handle: r.requester_handle,
          from_name: r.requester_name,
          message: r.message,
          status: r.status,
          inserted_at: r.inserted_at,
        }
      : {
          id: r.id,
          requester_id: r.requester_id,
          requester_type: r.requester_type,
          recipient_id: r.recipient_id,
          recipient_type: r.recipient_type,
          status: r.status,
          message: r.message,
          inserted_at: r.inserted_at,
          responded_at: r.responded_at,
          expires_at: r.expires_at,
          requester: { id: r.requester_id, handle: r.requester_handle, name: r.requester_name },
          recipient: { id: r.recipient_id, handle: r.recipient_handle, name: r.recipient_name },
        };
  await recordEvents(trx, [
    { type: 'contact_request_received', organizationId: org(r.recipient_id), recipientId: r.recipient_id, payload },
  ]);
}

/**
 * A request left `pending` (approved, rejected, cancelled): `contact_request_updated` to both
 * parties, and on approval `contact_added` to each, naming the other and its own new record.
 * Call after the status (and, on approval, the contact rows) are written.
 */
export async function recordContactRequestResolved(trx: Transaction<DB>, requestId: string): Promise<void> {
  const { request: r, org } = await load(trx, requestId);
  const [requester, recipient] = parties(r);
  const events: PersonalEventToRecord[] = [requester, recipient].map((p) => ({
    type: 'contact_request_updated',
    organizationId: org(p.id),
    recipientId: p.id,
    payload: { id: r.id, status: r.status },
  }));
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
