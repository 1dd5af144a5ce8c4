import { z } from 'zod';
import { ChatIdParam } from '../../chatInputs.js';
import { ChatParticipant } from '../../objects/chatParticipant.js';
import { operation } from '../../operationMeta.js';

export const removeMyChatParticipantMeta = operation({
  caller: 'user',
  method: 'DELETE',
  path: '/me/chats/{chat_id}/participants/{id}',
  operationId: 'removeMyChatParticipant',
  summary: 'Remove participant from chat room',
  description:
    'Owners and admins remove others (only owners remove owners); anyone may leave by removing themselves, ' +
    'except the sole owner (403 `cannot_remove_sole_owner`). Answers the removed participant.',
  tags: ['humanApiParticipants'],
  errors: ['not_found', 'cannot_remove_sole_owner'],
});

export const RemoveMyChatParticipantInput = z.strictObject({
  ...ChatIdParam,
  id: z.uuid().meta({ description: 'The participant’s user or agent id' }),
});
export const RemoveMyChatParticipantOutput = z.object({ data: ChatParticipant });
