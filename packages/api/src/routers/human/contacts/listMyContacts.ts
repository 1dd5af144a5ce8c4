import {
  ListMyContactsInput,
  ListMyContactsOutput,
  listMyContactsMeta,
} from '@parley/contracts/human/contacts/listMyContacts';
import { listContacts } from '@parley/core/contacts/listContacts';
import { toContact } from '../../../shape/contacts.js';
import { humanProcedure } from '../../../trpc.js';

export const listMyContacts = humanProcedure
  .meta(listMyContactsMeta)
  .input(ListMyContactsInput)
  .output(ListMyContactsOutput)
  .query(async ({ ctx, input }) => {
    const { contacts, metadata } = await listContacts(ctx.deps, ctx.identity, input);
    return { data: contacts.map(toContact), metadata };
  });
