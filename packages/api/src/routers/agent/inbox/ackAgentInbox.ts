import {
  AckAgentInboxInput,
  AckAgentInboxOutput,
  ackAgentInboxMeta,
} from '@parley/contracts/agent/inbox/ackAgentInbox';
import { settleInbox } from '@parley/core/inbox/settleInbox';
import { agentProcedure } from '../../../trpc.js';

export const ackAgentInbox = agentProcedure
  .meta(ackAgentInboxMeta)
  .input(AckAgentInboxInput)
  .output(AckAgentInboxOutput)
  .mutation(async ({ ctx, input }) => ({
    data: await settleInbox(ctx.deps, ctx.identity, { leases: input.leases, outcome: 'processed' }),
  }));
