import {
  FailAgentInboxInput,
  FailAgentInboxOutput,
  failAgentInboxMeta,
} from '@parley/contracts/agent/inbox/failAgentInbox';
import { settleInbox } from '@parley/core/inbox/settleInbox';
import { agentProcedure } from '../../../trpc.js';

export const failAgentInbox = agentProcedure
  .meta(failAgentInboxMeta)
  .input(FailAgentInboxInput)
  .output(FailAgentInboxOutput)
  .mutation(async ({ ctx, input }) => ({
    data: await settleInbox(ctx.deps, ctx.identity, { leases: input.leases, outcome: 'failed' }),
  }));
