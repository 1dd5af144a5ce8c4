import { z } from 'zod';
import { ResolvedEntity } from '../../objects/resolvedEntity.js';
import { operation } from '../../operationMeta.js';

export const resolveHandleMeta = operation({
  caller: 'user',
  method: 'POST',
  path: '/me/contacts/resolve',
  operationId: 'resolveHandle',
  summary: 'Resolve a handle',
  description:
    'What a handle (`@alice` or `@alice/helper`, `@` optional) names: handle, display name and ' +
    'type, to confirm before sending a contact request. Never the id or the email.',
  tags: ['humanApiContacts'],
  errors: ['invalid_handle', 'not_found'],
});

export const ResolveHandleInput = z.strictObject({ handle: z.string() });
export const ResolveHandleOutput = z.object({ data: ResolvedEntity });
