import {
  ListMyChatParticipantsInput,
  ListMyChatParticipantsOutput,
  listMyChatParticipantsMeta,
} from '@parley/contracts/human/chats/listMyChatParticipants';
import { listRoomParticipants } from '@parley/core/participants/listParticipants';
import { toMeChatParticipant } from '../../../shape/chatParticipants.js';
import { humanProcedure } from '../../../trpc.js';

export const listMyChatParticipants = humanProcedure
  .meta(listMyChatParticipantsMeta)
  .input(ListMyChatParticipantsInput)
  .output(ListMyChatParticipantsOutput)
  .query(async ({ ctx, input }) => {
    const { chat_id, ...query } = input;
    const { participants, metadata } = await listRoomParticipants(ctx.deps, ctx.identity, chat_id, query);
    return { data: participants.map(toMeChatParticipant), metadata };
  });
