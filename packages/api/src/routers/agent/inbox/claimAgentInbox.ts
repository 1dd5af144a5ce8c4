import {
  ClaimAgentInboxInput,
  ClaimAgentInboxOutput,
  claimAgentInboxMeta,
} from '@parley/contracts/agent/inbox/claimAgentInbox';
import { claimInbox } from '@parley/core/inbox/claimInbox';
import { toChatMessage } from '../../../shape/chatMessages.js';
import { agentProcedure } from '../../../trpc.js';

export const claimAgentInbox = agentProcedure
  .meta(claimAgentInboxMeta)
  .input(ClaimAgentInboxInput)
  .output(ClaimAgentInboxOutput)
  .mutation(async ({ ctx, input }) => {
    const claims = await claimInbox(ctx.deps, ctx.identity, {
      max: input.max,
      leaseSeconds: input.lease_seconds,
      roomId: input.chat_id,
    });
    return {
      data: claims.map(({ message, lease }) => ({
        message: toChatMessage(message),
        lease_token: lease.lease_token,
        lease_expires_at: lease.lease_expires_at,
        attempt_number: lease.current_attempt,
      })),
    };
  });
