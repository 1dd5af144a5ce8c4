import { z } from 'zod';
import { ContactRequestActionResponse } from '../../objects/contactRequest.js';
import { operation } from '../../operationMeta.js';

export const rejectContactRequestMeta = operation({
  caller: 'user',
  method: 'POST',
  path: '/me/contacts/requests/{id}/reject',
  operationId: 'rejectContactRequest',
  summary: 'Reject a contact request',
  description:
    'Rejects a pending request you received; the requester is not notified and may ask again. ' +
    'The requester → 403; anyone else → 404; not pending (including expired) → 409.',
  tags: ['humanApiContacts'],
  errors: ['not_found', 'conflict'],
});

export const RejectContactRequestOutput = z.object({ data: ContactRequestActionResponse });
