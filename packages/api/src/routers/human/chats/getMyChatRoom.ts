import {
  GetMyChatRoomInput,
  GetMyChatRoomOutput,
  getMyChatRoomMeta,
} from '@parley/contracts/human/chats/getMyChatRoom';
import { getChat } from '@parley/core/chats/getChat';
import { toMeChatRoom } from '../../../shape/chatRooms.js';
import { humanProcedure } from '../../../trpc.js';

export const getMyChatRoom = humanProcedure
  .meta(getMyChatRoomMeta)
  .input(GetMyChatRoomInput)
  .output(GetMyChatRoomOutput)
  .query(async ({ ctx, input }) => ({ data: toMeChatRoom(await getChat(ctx.deps, ctx.identity, input.id)) }));
