import {
  GetAgentChatContextInput,
  GetAgentChatContextOutput,
  getAgentChatContextMeta,
} from '@parley/contracts/agent/chats/getAgentChatContext';
import { getAgentContext } from '@parley/core/messages/getAgentContext';
import { toChatMessage } from '../../../shape/chatMessages.js';
import { agentProcedure } from '../../../trpc.js';

export const getAgentChatContext = agentProcedure
  .meta(getAgentChatContextMeta)
  .input(GetAgentChatContextInput)
  .output(GetAgentChatContextOutput)
  .query(async ({ ctx, input }) => {
    const { chat_id, ...query } = input;
    const { messages, metadata } = await getAgentContext(ctx.deps, ctx.identity, chat_id, query);
    return { data: messages.map(toChatMessage), metadata, meta: metadata };
  });
