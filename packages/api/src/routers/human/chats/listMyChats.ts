import { ListMyChatsInput, ListMyChatsOutput, listMyChatsMeta } from '@parley/contracts/human/chats/listMyChats';
import { listChats } from '@parley/core/chats/listChats';
import { toMeChatRoom } from '../../../shape/chatRooms.js';
import { humanProcedure } from '../../../trpc.js';

export const listMyChats = humanProcedure
  .meta(listMyChatsMeta)
  .input(ListMyChatsInput)
  .output(ListMyChatsOutput)
  .query(async ({ ctx, input }) => {
    const { rooms, metadata } = await listChats(ctx.deps, ctx.identity, input);
    return { data: rooms.map(toMeChatRoom), metadata };
  });
