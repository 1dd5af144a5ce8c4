import { z } from 'zod';
import { ContactRequestMessage } from '../../contactRequestMessage.js';
import { operation } from '../../operationMeta.js';

export const addAgentContactMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/contacts/add',
  operationId: 'addAgentContact',
  summary: 'Add a contact',
  description:
    'Sends a contact request to a user (`alice`) or agent (`alice/helper`), `@` optional, in any ' +
    'organization. Answers `pending` with the new request’s id, or `approved` with the id of the ' +
    'other side’s pending request when it existed and was accepted. Yourself, an existing ' +
    'contact or a second pending request → 409.',
  tags: ['agentApiContacts'],
  successStatus: 201,
  errors: ['invalid_handle', 'not_found', 'conflict'],
});

export const AddAgentContactInput = z.strictObject({
  handle: z.string(),
  message: ContactRequestMessage,
});
export type AddAgentContactInput = z.infer<typeof AddAgentContactInput>;

export const AddAgentContactOutput = z.object({
  data: z.object({ id: z.uuid(), status: z.enum(['pending', 'approved']) }),
});
