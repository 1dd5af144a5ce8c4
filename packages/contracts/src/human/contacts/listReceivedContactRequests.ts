import { z } from 'zod';
import { ContactRequest } from '../../objects/contactRequest.js';
import { offsetPageQuery } from '../../offsetPageQuery.js';
import { operation } from '../../operationMeta.js';
import { OffsetMetadata } from '../../pagination.js';

export const listReceivedContactRequestsMeta = operation({
  caller: 'user',
  method: 'GET',
  path: '/me/contacts/requests',
  operationId: 'listReceivedContactRequests',
  summary: 'List received contact requests',
  description: 'The pending requests you received (expired ones are left out), newest first.',
  tags: ['humanApiContacts'],
});

export const ListReceivedContactRequestsInput = z.strictObject({ ...offsetPageQuery() }).optional();
export type ListReceivedContactRequestsInput = z.infer<typeof ListReceivedContactRequestsInput>;

export const ListReceivedContactRequestsOutput = z.object({ data: z.array(ContactRequest), metadata: OffsetMetadata });
