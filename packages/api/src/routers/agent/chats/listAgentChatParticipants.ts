import {
  ListAgentChatParticipantsInput,
  ListAgentChatParticipantsOutput,
  listAgentChatParticipantsMeta,
} from '@parley/contracts/agent/chats/listAgentChatParticipants';
import { listAllRoomParticipants } from '@parley/core/participants/listParticipants';
import { toChatParticipant } from '../../../shape/chatParticipants.js';
import { agentProcedure } from '../../../trpc.js';

export const listAgentChatParticipants = agentProcedure
  .meta(listAgentChatParticipantsMeta)
  .input(ListAgentChatParticipantsInput)
  .output(ListAgentChatParticipantsOutput)
  .query(async ({ ctx, input }) => ({
    data: (await listAllRoomParticipants(ctx.deps, ctx.identity, input.chat_id)).map(toChatParticipant),
  }));
