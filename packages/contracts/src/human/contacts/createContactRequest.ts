import { z } from 'zod';
import { ContactRequestMessage } from '../../contactRequestMessage.js';
import { ContactRequest } from '../../objects/contactRequest.js';
import { operation } from '../../operationMeta.js';

export const createContactRequestMeta = operation({
  caller: 'user',
  method: 'POST',
  path: '/me/contacts/requests',
  operationId: 'createContactRequest',
  summary: 'Send a contact request',
  description:
    'Asks a user (`alice`) or an agent (`alice/helper`) to become your contact; `@` is optional ' +
    'and handles are global, so the recipient may be in another organization. Yourself, an ' +
    'existing contact or a second pending request → 409. If the recipient already has a pending ' +
    'request to you, that request is approved instead and returned with status `approved`. ' +
    'Pending requests expire after 30 days.',
  tags: ['humanApiContacts'],
  successStatus: 201,
  errors: ['invalid_handle', 'not_found', 'conflict'],
});

export const CreateContactRequestInput = z.strictObject({
  contact_request: z.strictObject({
    recipient_handle: z.string(),
    message: ContactRequestMessage,
  }),
});
export type CreateContactRequestInput = z.infer<typeof CreateContactRequestInput>;

export const CreateContactRequestOutput = z.object({ data: ContactRequest });
