import {
  ExtendAgentInboxInput,
  ExtendAgentInboxOutput,
  extendAgentInboxMeta,
} from '@parley/contracts/agent/inbox/extendAgentInbox';
import { extendInbox } from '@parley/core/inbox/extendInbox';
import { agentProcedure } from '../../../trpc.js';

export const extendAgentInbox = agentProcedure
  .meta(extendAgentInboxMeta)
  .input(ExtendAgentInboxInput)
  .output(ExtendAgentInboxOutput)
  .mutation(async ({ ctx, input }) => ({
    data: await extendInbox(ctx.deps, ctx.identity, { leases: input.leases, leaseSeconds: input.lease_seconds }),
  }));
