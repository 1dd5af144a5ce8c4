import { operation } from '../../operationMeta.js';

/** The vendor changelog's older route for cancelling; no client uses it, but it is served. */
export const cancelContactRequestAliasMeta = operation({
  caller: 'user',
  method: 'POST',
  path: '/me/contacts/requests/{id}/cancel',
  operationId: 'cancelContactRequestAlias',
  summary: 'Cancel a sent contact request (alias)',
  description: 'Same as `DELETE /me/contacts/requests/{id}`, at the route of the vendor changelog.',
  tags: ['humanApiContacts'],
  errors: ['not_found', 'conflict'],
});
