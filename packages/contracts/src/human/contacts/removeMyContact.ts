import { z } from 'zod';
import { operation } from '../../operationMeta.js';

export const removeMyContactMeta = operation({
  caller: 'user',
  method: 'POST',
  path: '/me/contacts/remove',
  operationId: 'removeMyContact',
  summary: 'Remove a contact',
  description:
    'Removes a contact in both directions, by your contact record id (`contact_id`, which wins) ' +
    'or by handle (`@` optional). Neither → 400 `identifier_required`; not a contact → 404.',
  tags: ['humanApiContacts'],
  errors: ['identifier_required', 'invalid_handle', 'not_found'],
});

export const RemoveMyContactInput = z.strictObject({
  contact_id: z.uuid().nullable().optional(),
  handle: z.string().nullable().optional(),
});
export type RemoveMyContactInput = z.infer<typeof RemoveMyContactInput>;

export const RemoveContactOutput = z.object({ data: z.object({ status: z.enum(['removed']) }) });
