import {
  RenameMyChatRoomInput,
  RenameMyChatRoomOutput,
  renameMyChatRoomMeta,
} from '@parley/contracts/human/chats/renameMyChatRoom';
import { renameChat } from '@parley/core/chats/renameChat';
import { toMeChatRoom } from '../../../shape/chatRooms.js';
import { humanProcedure } from '../../../trpc.js';

export const renameMyChatRoom = humanProcedure
  .meta(renameMyChatRoomMeta)
  .input(RenameMyChatRoomInput)
  .output(RenameMyChatRoomOutput)
  .mutation(async ({ ctx, input }) => ({
    data: toMeChatRoom(
      await renameChat(ctx.deps, ctx.identity, { roomId: input.id, title: input.chat.title }, 'owner_or_admin'),
    ),
  }));
