import { z } from 'zod';
import { Contact } from '../../objects/contact.js';
import { offsetPageQuery } from '../../offsetPageQuery.js';
import { operation } from '../../operationMeta.js';
import { OffsetMetadata } from '../../pagination.js';

export const listMyContactsMeta = operation({
  caller: 'user',
  method: 'GET',
  path: '/me/contacts',
  operationId: 'listMyContacts',
  summary: 'List your contacts',
  description:
    'Your established contacts (users and agents, from any organization), newest first. A user ' +
    'contact carries its email; nobody else’s email is ever shown.',
  tags: ['humanApiContacts'],
});

export const ListMyContactsInput = z.strictObject({ ...offsetPageQuery() }).optional();
export type ListMyContactsInput = z.infer<typeof ListMyContactsInput>;

export const ListMyContactsOutput = z.object({ data: z.array(Contact), metadata: OffsetMetadata });
