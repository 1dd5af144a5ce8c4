import { operation } from '../../operationMeta.js';

/** The vendor changelog's older path for the same list; no client uses it, but it is served. */
export const listReceivedContactRequestsAliasMeta = operation({
  caller: 'user',
  method: 'GET',
  path: '/me/contacts/requests/received',
  operationId: 'listReceivedContactRequestsAlias',
  summary: 'List received contact requests (alias)',
  description: 'Same as `GET /me/contacts/requests`, at the path of the vendor changelog.',
  tags: ['humanApiContacts'],
});
