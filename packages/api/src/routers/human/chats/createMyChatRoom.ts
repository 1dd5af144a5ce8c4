import {
  CreateMyChatRoomInput,
  CreateMyChatRoomOutput,
  createMyChatRoomMeta,
} from '@parley/contracts/human/chats/createMyChatRoom';
import { createChat } from '@parley/core/chats/createChat';
import { toMeChatRoom } from '../../../shape/chatRooms.js';
import { humanProcedure } from '../../../trpc.js';

export const createMyChatRoom = humanProcedure
  .meta(createMyChatRoomMeta)
  .input(CreateMyChatRoomInput)
  .output(CreateMyChatRoomOutput)
  .mutation(async ({ ctx, input }) => ({ data: toMeChatRoom(await createChat(ctx.deps, ctx.identity, input.chat)) }));
