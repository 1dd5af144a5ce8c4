import {
  RenameAgentChatInput,
  RenameAgentChatOutput,
  renameAgentChatMeta,
} from '@parley/contracts/agent/chats/renameAgentChat';
import { renameChat } from '@parley/core/chats/renameChat';
import { toChatRoom } from '../../../shape/chatRooms.js';
import { agentProcedure } from '../../../trpc.js';

export const renameAgentChat = agentProcedure
  .meta(renameAgentChatMeta)
  .input(RenameAgentChatInput)
  .output(RenameAgentChatOutput)
  .mutation(async ({ ctx, input }) => ({
    data: toChatRoom(await renameChat(ctx.deps, ctx.identity, { roomId: input.id, title: input.chat.title })),
  }));
