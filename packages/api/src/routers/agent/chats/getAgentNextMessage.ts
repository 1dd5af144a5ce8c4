import {
  GetAgentNextMessageInput,
  GetAgentNextMessageOutput,
  getAgentNextMessageMeta,
} from '@parley/contracts/agent/chats/getAgentNextMessage';
import { getNextMessage } from '@parley/core/messages/getNextMessage';
import { toChatMessage } from '../../../shape/chatMessages.js';
import { agentProcedure } from '../../../trpc.js';

/** `null` when the queue is empty: REST answers 204 with no body, native tRPC returns null. */
export const getAgentNextMessage = agentProcedure
  .meta(getAgentNextMessageMeta)
  .input(GetAgentNextMessageInput)
  .output(GetAgentNextMessageOutput)
  .query(async ({ ctx, input }) => {
    const next = await getNextMessage(ctx.deps, ctx.identity, input.chat_id);
    return next ? { data: toChatMessage(next) } : null;
  });
