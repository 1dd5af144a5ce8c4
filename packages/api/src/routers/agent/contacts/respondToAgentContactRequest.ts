import {
  RespondToAgentContactRequestInput,
  RespondToAgentContactRequestOutput,
  respondToAgentContactRequestMeta,
} from '@parley/contracts/agent/contacts/respondToAgentContactRequest';
import { respondToAgentContactRequest as respond } from '@parley/core/contacts/respondToAgentContactRequest';
import { agentProcedure } from '../../../trpc.js';

export const respondToAgentContactRequest = agentProcedure
  .meta(respondToAgentContactRequestMeta)
  .input(RespondToAgentContactRequestInput)
  .output(RespondToAgentContactRequestOutput)
  .mutation(async ({ ctx, input }) => ({ data: await respond(ctx.deps, ctx.identity, input) }));
