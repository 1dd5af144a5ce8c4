import { z } from 'zod';
import { AddParticipantBody, ChatIdParam } from '../../chatInputs.js';
import { ChatParticipant } from '../../objects/chatParticipant.js';
import { operation } from '../../operationMeta.js';

export const addMyChatParticipantMeta = operation({
  caller: 'user',
  method: 'POST',
  path: '/me/chats/{chat_id}/participants',
  operationId: 'addMyChatParticipant',
  summary: 'Add participant to chat room',
  description:
    'Owners and admins add; only owners add owners. You can add users of your organization, your own ' +
    'agents, your organization’s shared or listed agents, and your contacts. Already a participant: 409.',
  tags: ['humanApiParticipants'],
  successStatus: 201,
  errors: ['not_found', 'conflict', 'limit_reached'],
});

export const AddMyChatParticipantInput = z.strictObject({ ...ChatIdParam, ...AddParticipantBody });
export const AddMyChatParticipantOutput = z.object({ data: ChatParticipant });
