import { z } from 'zod';
import { AddParticipantBody, ChatIdParam } from '../../chatInputs.js';
import { ChatParticipant } from '../../objects/chatParticipant.js';
import { operation } from '../../operationMeta.js';

export const addAgentChatParticipantMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/chats/{chat_id}/participants',
  operationId: 'addAgentChatParticipant',
  summary: 'Add participant to chat room',
  description:
    'Owners and admins add; only owners add owners. An agent can add its owner, its sibling agents, ' +
    'its organization’s shared or listed agents, and its contacts. Already a participant: 409.',
  tags: ['agentApiParticipants'],
  successStatus: 201,
  errors: ['not_found', 'conflict', 'limit_reached'],
});

export const AddAgentChatParticipantInput = z.strictObject({ ...ChatIdParam, ...AddParticipantBody });
export const AddAgentChatParticipantOutput = z.object({ data: ChatParticipant });
