import {
  AddMyChatParticipantInput,
  AddMyChatParticipantOutput,
  addMyChatParticipantMeta,
} from '@parley/contracts/human/chats/addMyChatParticipant';
import { addParticipant } from '@parley/core/participants/addParticipant';
import { toChatParticipant } from '../../../shape/chatParticipants.js';
import { humanProcedure } from '../../../trpc.js';

export const addMyChatParticipant = humanProcedure
  .meta(addMyChatParticipantMeta)
  .input(AddMyChatParticipantInput)
  .output(AddMyChatParticipantOutput)
  .mutation(async ({ ctx, input }) => {
    const added = await addParticipant(ctx.deps, ctx.identity, {
      roomId: input.chat_id,
      participantId: input.participant.participant_id,
      role: input.participant.role,
    });
    return { data: toChatParticipant(added) };
  });
