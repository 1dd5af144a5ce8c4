import type { ReceivedContactRequest, SentContactRequest } from '@parley/contracts/objects/agentContactRequests';
import type { ContactRequest } from '@parley/contracts/objects/contactRequest';
import type { ContactRequestView } from '@parley/db/repositories/contactRequests';
import type { z } from 'zod';

/**
 * The contact request wire objects, one builder each, behind both the REST answers and the
 * contact events (`contact_request_received`, `contact_request_updated`), so they cannot drift.
 */

/** The ContactRequest object of the Human API (both parties' id, handle and name; no email). */
export function contactRequestView(row: ContactRequestView): ContactRequest {
  return {
    id: row.id,
    requester_id: row.requester_id,
    requester_type: row.requester_type,
    recipient_id: row.recipient_id,
    recipient_type: row.recipient_type,
    status: row.status,
    message: row.message,
    inserted_at: row.inserted_at,
    responded_at: row.responded_at,
    expires_at: row.expires_at,
    requester: { id: row.requester_id, handle: row.requester_handle, name: row.requester_name },
    recipient: { id: row.recipient_id, handle: row.recipient_handle, name: row.recipient_name },
  };
}

/** A received request as the Agent API shows it: who it is from. */
export function receivedContactRequestView(row: ContactRequestView): z.infer<typeof ReceivedContactRequest> {
  return {
    id: row.id,
    from_handle: row.requester_handle,
    from_name: row.requester_name,
    from_type: row.requester_type,
    message: row.message,
    status: row.status,
    inserted_at: row.inserted_at,
    expires_at: row.expires_at,
  };
}

/** A sent request as the Agent API shows it: who it is to. */
export function sentContactRequestView(row: ContactRequestView): z.infer<typeof SentContactRequest> {
  return {
    id: row.id,
    to_handle: row.recipient_handle,
    to_name: row.recipient_name,
    to_type: row.recipient_type,
    message: row.message,
    status: row.status,
    inserted_at: row.inserted_at,
    expires_at: row.expires_at,
  };
}

/**
 * The request as one of its parties reads it over its own API: a user gets the ContactRequest
 * object (`/me/contacts/requests…`), an agent the received or sent shape
 * (`GET /agent/contacts/requests`), whichever side of the request it is on.
 */
export function contactRequestFor(row: ContactRequestView, partyId: string) {
  const isRequester = partyId === row.requester_id;
  const partyType = isRequester ? row.requester_type : row.recipient_type;
  if (partyType === 'User') return contactRequestView(row);
  return isRequester ? sentContactRequestView(row) : receivedContactRequestView(row);
}
