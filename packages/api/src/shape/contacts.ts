import type { AgentContact } from '@parley/contracts/objects/agentContact';
import type { Contact } from '@parley/contracts/objects/contact';
import type { ContactRequest } from '@parley/contracts/objects/contactRequest';
import type { ContactRequestView } from '@parley/db/repositories/contactRequests';
import type { ContactView } from '@parley/db/repositories/contacts';

/** A contact for the Human API; the email only for user contacts (agents have none). */
export function toContact(row: ContactView): Contact {
  const isAgent = row.contact_type === 'Agent';
  return {
    id: row.id,
    contact_id: row.contact_id,
    contact_type: row.contact_type,
    status: 'active',
    source: 'request',
    inserted_at: row.inserted_at,
    user: {
      id: row.contact_id,
      handle: row.handle,
      name: row.name,
      ...(row.email !== null ? { email: row.email } : {}),
      listed_in_directory: row.listed_in_directory,
      tags: isAgent ? (row.tags ?? []) : null,
    },
  };
}

/** A contact for the Agent API: agent-only fields are null for users. */
export function toAgentContact(row: ContactView): AgentContact {
  const isAgent = row.contact_type === 'Agent';
  return {
    id: row.id,
    handle: row.handle,
    name: row.name,
    type: row.contact_type,
    description: isAgent ? row.description : null,
    is_external: isAgent ? row.is_external : null,
    listed_in_directory: row.listed_in_directory,
    tags: isAgent ? (row.tags ?? []) : null,
    inserted_at: row.inserted_at,
  };
}

export function toContactRequest(row: ContactRequestView): ContactRequest {
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
export function toReceivedContactRequest(row: ContactRequestView) {
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
export function toSentContactRequest(row: ContactRequestView) {
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
