import {
  RemoveMyChatParticipantInput,
  RemoveMyChatParticipantOutput,
  removeMyChatParticipantMeta,
} from '@parley/contracts/human/chats/removeMyChatParticipant';
import { removeParticipant } from '@parley/core/participants/removeParticipant';
import { toChatParticipant } from '../../../shape/chatParticipants.js';
import { humanProcedure } from '../../../trpc.js';

export const removeMyChatParticipant = humanProcedure
  .meta(removeMyChatParticipantMeta)
  .input(RemoveMyChatParticipantInput)
  .output(RemoveMyChatParticipantOutput)
  .mutation(async ({ ctx, input }) => {
    const removed = await removeParticipant(ctx.deps, ctx.identity, { roomId: input.chat_id, participantId: input.id });
    return { data: toChatParticipant(removed) };
  });
