import { z } from 'zod';
import { ContactRequest, contactRequestStatuses } from '../../objects/contactRequest.js';
import { offsetPageQuery } from '../../offsetPageQuery.js';
import { operation } from '../../operationMeta.js';
import { OffsetMetadata } from '../../pagination.js';

export const listSentContactRequestsMeta = operation({
  caller: 'user',
  method: 'GET',
  path: '/me/contacts/requests/sent',
  operationId: 'listSentContactRequests',
  summary: 'List sent contact requests',
  description:
    'The requests you sent, newest first. `status` filters (default `all`); Parley also accepts ' +
    '`expired` (pending requests past their 30 days).',
  tags: ['humanApiContacts'],
});

export const ListSentContactRequestsInput = z
  .strictObject({ status: z.enum(['all', ...contactRequestStatuses]).optional(), ...offsetPageQuery() })
  .optional();
export type ListSentContactRequestsInput = z.infer<typeof ListSentContactRequestsInput>;

export const ListSentContactRequestsOutput = z.object({ data: z.array(ContactRequest), metadata: OffsetMetadata });
