import {
  ListAgentMessagesInput,
  ListAgentMessagesOutput,
  listAgentMessagesMeta,
} from '@parley/contracts/agent/chats/listAgentMessages';
import { listAgentMessages as listQueue } from '@parley/core/messages/listAgentMessages';
import { toChatMessage } from '../../../shape/chatMessages.js';
import { agentProcedure } from '../../../trpc.js';

export const listAgentMessages = agentProcedure
  .meta(listAgentMessagesMeta)
  .input(ListAgentMessagesInput)
  .output(ListAgentMessagesOutput)
  .query(async ({ ctx, input }) => {
    const { chat_id, ...query } = input;
    const { messages, metadata } = await listQueue(ctx.deps, ctx.identity, chat_id, query);
    return { data: messages.map(toChatMessage), metadata };
  });
