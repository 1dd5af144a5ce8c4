import {
  ListAgentContactsInput,
  ListAgentContactsOutput,
  listAgentContactsMeta,
} from '@parley/contracts/agent/contacts/listAgentContacts';
import { listContacts } from '@parley/core/contacts/listContacts';
import { toAgentContact } from '../../../shape/contacts.js';
import { agentProcedure } from '../../../trpc.js';

export const listAgentContacts = agentProcedure
  .meta(listAgentContactsMeta)
  .input(ListAgentContactsInput)
  .output(ListAgentContactsOutput)
  .query(async ({ ctx, input }) => {
    const { contacts, metadata } = await listContacts(ctx.deps, ctx.identity, input);
    return { data: contacts.map(toAgentContact), metadata };
  });
