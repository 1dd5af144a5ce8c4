import { GetAgentChatInput, GetAgentChatOutput, getAgentChatMeta } from '@parley/contracts/agent/chats/getAgentChat';
import { getChat } from '@parley/core/chats/getChat';
import { toChatRoom } from '../../../shape/chatRooms.js';
import { agentProcedure } from '../../../trpc.js';

export const getAgentChat = agentProcedure
  .meta(getAgentChatMeta)
  .input(GetAgentChatInput)
  .output(GetAgentChatOutput)
  .query(async ({ ctx, input }) => ({ data: toChatRoom(await getChat(ctx.deps, ctx.identity, input.id)) }));
