import {
  MarkAgentMessageProcessingInput,
  MarkAgentMessageProcessingOutput,
  markAgentMessageProcessingMeta,
} from '@parley/contracts/agent/chats/markAgentMessageProcessing';
import { markProcessing } from '@parley/core/messages/markProcessing';
import { agentProcedure } from '../../../trpc.js';

export const markAgentMessageProcessing = agentProcedure
  .meta(markAgentMessageProcessingMeta)
  .input(MarkAgentMessageProcessingInput)
  .output(MarkAgentMessageProcessingOutput)
  .mutation(async ({ ctx, input }) => {
    const state = await markProcessing(ctx.deps, ctx.identity, { roomId: input.chat_id, messageId: input.id });
    return { data: { ...state, success: true } };
  });
