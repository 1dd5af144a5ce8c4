import {
  AddAgentContactInput,
  AddAgentContactOutput,
  addAgentContactMeta,
} from '@parley/contracts/agent/contacts/addAgentContact';
import { sendContactRequest } from '@parley/core/contacts/sendContactRequest';
import { agentProcedure } from '../../../trpc.js';

export const addAgentContact = agentProcedure
  .meta(addAgentContactMeta)
  .input(AddAgentContactInput)
  .output(AddAgentContactOutput)
  .mutation(async ({ ctx, input }) => {
    const { outcome, request } = await sendContactRequest(ctx.deps, ctx.identity, input);
    return { data: { id: request.id, status: outcome } };
  });
