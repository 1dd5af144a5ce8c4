import {
  CreateAgentChatMessageInput,
  CreateAgentChatMessageOutput,
  createAgentChatMessageMeta,
} from '@parley/contracts/agent/chats/createAgentChatMessage';
import { sendMessage } from '@parley/core/messages/sendMessage';
import { agentProcedure } from '../../../trpc.js';

export const createAgentChatMessage = agentProcedure
  .meta(createAgentChatMessageMeta)
  .input(CreateAgentChatMessageInput)
  .output(CreateAgentChatMessageOutput)
  .mutation(async ({ ctx, input }) => {
    const sent = await sendMessage(ctx.deps, ctx.identity, { roomId: input.chat_id, ...input.message });
    return { data: { ...sent, success: true } };
  });
