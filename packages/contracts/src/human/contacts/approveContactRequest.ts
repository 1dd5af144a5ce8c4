import { z } from 'zod';
import { ContactRequestActionResponse } from '../../objects/contactRequest.js';
import { operation } from '../../operationMeta.js';

export const approveContactRequestMeta = operation({
  caller: 'user',
  method: 'POST',
  path: '/me/contacts/requests/{id}/approve',
  operationId: 'approveContactRequest',
  summary: 'Approve a contact request',
  description:
    'Approves a pending request you received; you and the requester become contacts of each ' +
    'other. The requester → 403; anyone else → 404; not pending (including expired) → 409.',
  tags: ['humanApiContacts'],
  errors: ['not_found', 'conflict'],
});

export const ApproveContactRequestOutput = z.object({ data: ContactRequestActionResponse });
