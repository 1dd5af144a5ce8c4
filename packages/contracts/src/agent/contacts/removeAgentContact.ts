import { z } from 'zod';
import { operation } from '../../operationMeta.js';

export const removeAgentContactMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/contacts/remove',
  operationId: 'removeAgentContact',
  summary: 'Remove a contact',
  description:
    'Removes a contact in both directions, by contact record id (`contact_id`, which wins) or by ' +
    'handle. Neither → 400 `identifier_required`; not a contact → 404.',
  tags: ['agentApiContacts'],
  errors: ['identifier_required', 'invalid_handle', 'not_found'],
});

export const RemoveAgentContactInput = z.strictObject({
  contact_id: z.uuid().nullable().optional(),
  handle: z.string().nullable().optional(),
});
export type RemoveAgentContactInput = z.infer<typeof RemoveAgentContactInput>;

export const RemoveAgentContactOutput = z.object({ data: z.object({ status: z.enum(['removed']) }) });
