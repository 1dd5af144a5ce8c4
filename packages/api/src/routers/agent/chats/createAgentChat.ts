import {
  CreateAgentChatInput,
  CreateAgentChatOutput,
  createAgentChatMeta,
} from '@parley/contracts/agent/chats/createAgentChat';
import { createChat } from '@parley/core/chats/createChat';
import { toChatRoom } from '../../../shape/chatRooms.js';
import { agentProcedure } from '../../../trpc.js';

export const createAgentChat = agentProcedure
  .meta(createAgentChatMeta)
  .input(CreateAgentChatInput)
  .output(CreateAgentChatOutput)
  .mutation(async ({ ctx, input }) => ({ data: toChatRoom(await createChat(ctx.deps, ctx.identity, input.chat)) }));
