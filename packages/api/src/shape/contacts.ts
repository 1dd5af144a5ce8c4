import type { AgentContact } from '@parley/contracts/objects/agentContact';
import type { Contact } from '@parley/contracts/objects/contact';
import {
  contactRequestView,
  receivedContactRequestView,
  sentContactRequestView,
} from '@parley/core/contacts/contactRequestWire';
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

/** Built in core (`contactRequestWire`), shared with the contact events. */
export const toContactRequest = contactRequestView;
export const toReceivedContactRequest = receivedContactRequestView;
export const toSentContactRequest = sentContactRequestView;
