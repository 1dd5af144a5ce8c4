import {
  ListMyChatMessagesInput,
  ListMyChatMessagesOutput,
  listMyChatMessagesMeta,
} from '@parley/contracts/human/chats/listMyChatMessages';
import { listRoomMessages } from '@parley/core/messages/listRoomMessages';
import { toChatMessage } from '../../../shape/chatMessages.js';
import { humanProcedure } from '../../../trpc.js';

export const listMyChatMessages = humanProcedure
  .meta(listMyChatMessagesMeta)
  .input(ListMyChatMessagesInput)
  .output(ListMyChatMessagesOutput)
  .query(async ({ ctx, input }) => {
    const { chat_id, ...query } = input;
    const { messages, metadata } = await listRoomMessages(ctx.deps, ctx.identity, chat_id, query);
    return { data: messages.map(toChatMessage), metadata };
  });
