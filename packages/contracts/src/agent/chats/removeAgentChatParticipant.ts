import { z } from 'zod';
import { ChatIdParam } from '../../chatInputs.js';
import { ChatParticipant } from '../../objects/chatParticipant.js';
import { operation } from '../../operationMeta.js';

export const removeAgentChatParticipantMeta = operation({
  caller: 'agent',
  method: 'DELETE',
  path: '/agent/chats/{chat_id}/participants/{id}',
  operationId: 'removeAgentChatParticipant',
  summary: 'Remove participant from chat room',
  description:
    'Owners and admins remove agents (only owners remove owners); an agent never removes a user. An ' +
    'agent may leave by removing itself unless it is the sole owner. Answers the removed participant.',
  tags: ['agentApiParticipants'],
  errors: ['not_found', 'cannot_remove_sole_owner'],
});

export const RemoveAgentChatParticipantInput = z.strictObject({
  ...ChatIdParam,
  id: z.uuid().meta({ description: 'The participant’s user or agent id' }),
});
export const RemoveAgentChatParticipantOutput = z.object({ data: ChatParticipant });
