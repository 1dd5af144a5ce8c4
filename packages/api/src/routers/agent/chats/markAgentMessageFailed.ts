import {
  MarkAgentMessageFailedInput,
  MarkAgentMessageFailedOutput,
  markAgentMessageFailedMeta,
} from '@parley/contracts/agent/chats/markAgentMessageFailed';
import { markFailed } from '@parley/core/messages/markFailed';
import { agentProcedure } from '../../../trpc.js';

export const markAgentMessageFailed = agentProcedure
  .meta(markAgentMessageFailedMeta)
  .input(MarkAgentMessageFailedInput)
  .output(MarkAgentMessageFailedOutput)
  .mutation(async ({ ctx, input }) => {
    const state = await markFailed(ctx.deps, ctx.identity, {
      roomId: input.chat_id,
      messageId: input.id,
      error: input.error,
    });
    return { data: { ...state, success: true } };
  });
