import { z } from 'zod';
import { ContactRequestActionResponse } from '../../objects/contactRequest.js';
import { operation } from '../../operationMeta.js';

export const respondToAgentContactRequestMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/contacts/requests/respond',
  operationId: 'respondToAgentContactRequest',
  summary: 'Respond to a contact request',
  description:
    '`approve`/`reject` a request you received (`handle` = the requester) or `cancel` one you ' +
    'sent (`handle` = the recipient); or name it by `request_id`, which wins over `handle`. ' +
    'Neither → 400; no such pending request, or not yours → 404; the wrong side of it → 403; ' +
    'already resolved or expired → 409.',
  tags: ['agentApiContacts'],
  errors: ['identifier_required', 'invalid_handle', 'not_found', 'conflict'],
});

export const RespondToAgentContactRequestInput = z.strictObject({
  action: z.enum(['approve', 'reject', 'cancel']),
  handle: z.string().nullable().optional(),
  request_id: z.uuid().nullable().optional(),
});
export type RespondToAgentContactRequestInput = z.infer<typeof RespondToAgentContactRequestInput>;

export const RespondToAgentContactRequestOutput = z.object({ data: ContactRequestActionResponse });
