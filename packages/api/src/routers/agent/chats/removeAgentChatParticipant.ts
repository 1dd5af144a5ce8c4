import {
  RemoveAgentChatParticipantInput,
  RemoveAgentChatParticipantOutput,
  removeAgentChatParticipantMeta,
} from '@parley/contracts/agent/chats/removeAgentChatParticipant';
import { removeParticipant } from '@parley/core/participants/removeParticipant';
import { toChatParticipant } from '../../../shape/chatParticipants.js';
import { agentProcedure } from '../../../trpc.js';

export const removeAgentChatParticipant = agentProcedure
  .meta(removeAgentChatParticipantMeta)
  .input(RemoveAgentChatParticipantInput)
  .output(RemoveAgentChatParticipantOutput)
  .mutation(async ({ ctx, input }) => {
    const removed = await removeParticipant(ctx.deps, ctx.identity, { roomId: input.chat_id, participantId: input.id });
    return { data: toChatParticipant(removed) };
  });
