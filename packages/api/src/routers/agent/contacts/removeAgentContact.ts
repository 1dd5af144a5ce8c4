import {
  RemoveAgentContactInput,
  RemoveAgentContactOutput,
  removeAgentContactMeta,
} from '@parley/contracts/agent/contacts/removeAgentContact';
import { removeContact } from '@parley/core/contacts/removeContact';
import { agentProcedure } from '../../../trpc.js';

export const removeAgentContact = agentProcedure
  .meta(removeAgentContactMeta)
  .input(RemoveAgentContactInput)
  .output(RemoveAgentContactOutput)
  .mutation(async ({ ctx, input }) => ({ data: await removeContact(ctx.deps, ctx.identity, input) }));
