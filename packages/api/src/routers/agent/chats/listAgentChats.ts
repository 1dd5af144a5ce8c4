import {
  ListAgentChatsInput,
  ListAgentChatsOutput,
  listAgentChatsMeta,
} from '@parley/contracts/agent/chats/listAgentChats';
import { listChats } from '@parley/core/chats/listChats';
import { toChatRoom } from '../../../shape/chatRooms.js';
import { agentProcedure } from '../../../trpc.js';

export const listAgentChats = agentProcedure
  .meta(listAgentChatsMeta)
  .input(ListAgentChatsInput)
  .output(ListAgentChatsOutput)
  .query(async ({ ctx, input }) => {
    const { rooms, metadata } = await listChats(ctx.deps, ctx.identity, input);
    return { data: rooms.map(toChatRoom), metadata };
  });
