import {
  MarkAgentMessageProcessedInput,
  MarkAgentMessageProcessedOutput,
  markAgentMessageProcessedMeta,
} from '@parley/contracts/agent/chats/markAgentMessageProcessed';
import { markProcessed } from '@parley/core/messages/markProcessed';
import { agentProcedure } from '../../../trpc.js';

export const markAgentMessageProcessed = agentProcedure
  .meta(markAgentMessageProcessedMeta)
  .input(MarkAgentMessageProcessedInput)
  .output(MarkAgentMessageProcessedOutput)
  .mutation(async ({ ctx, input }) => {
    const state = await markProcessed(ctx.deps, ctx.identity, { roomId: input.chat_id, messageId: input.id });
    return { data: { ...state, success: true } };
  });
