import { z } from 'zod';
import { operation } from '../../operationMeta.js';

/** The vendor changelog's older route for removing; no client uses it, but it is served. */
export const removeMyContactByIdMeta = operation({
  caller: 'user',
  method: 'DELETE',
  path: '/me/contacts/{id}',
  operationId: 'removeMyContactById',
  summary: 'Remove a contact by record id (alias)',
  description: 'Same as `POST /me/contacts/remove` with `contact_id`: removes both directions.',
  tags: ['humanApiContacts'],
  errors: ['not_found'],
});

export const RemoveMyContactByIdInput = z.strictObject({ id: z.uuid() });
