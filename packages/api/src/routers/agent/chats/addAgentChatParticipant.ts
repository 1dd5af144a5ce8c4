import {
  AddAgentChatParticipantInput,
  AddAgentChatParticipantOutput,
  addAgentChatParticipantMeta,
} from '@parley/contracts/agent/chats/addAgentChatParticipant';
import { addParticipant } from '@parley/core/participants/addParticipant';
import { toChatParticipant } from '../../../shape/chatParticipants.js';
import { agentProcedure } from '../../../trpc.js';

export const addAgentChatParticipant = agentProcedure
  .meta(addAgentChatParticipantMeta)
  .input(AddAgentChatParticipantInput)
  .output(AddAgentChatParticipantOutput)
  .mutation(async ({ ctx, input }) => {
    const added = await addParticipant(ctx.deps, ctx.identity, {
      roomId: input.chat_id,
      participantId: input.participant.participant_id,
      role: input.participant.role,
    });
    return { data: toChatParticipant(added) };
  });
