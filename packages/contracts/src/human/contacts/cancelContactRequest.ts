import { z } from 'zod';
import { ContactRequestActionResponse } from '../../objects/contactRequest.js';
import { operation } from '../../operationMeta.js';

export const cancelContactRequestMeta = operation({
  caller: 'user',
  method: 'DELETE',
  path: '/me/contacts/requests/{id}',
  operationId: 'cancelContactRequest',
  summary: 'Cancel a sent contact request',
  description:
    'Cancels a pending request you sent. The recipient → 403; anyone else → 404; not pending ' +
    '(approved, rejected, cancelled, expired) → 409.',
  tags: ['humanApiContacts'],
  errors: ['not_found', 'conflict'],
});

export const CancelContactRequestOutput = z.object({ data: ContactRequestActionResponse });
