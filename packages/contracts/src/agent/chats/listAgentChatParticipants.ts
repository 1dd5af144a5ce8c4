import { z } from 'zod';
import { ChatIdParam } from '../../chatInputs.js';
import { ChatParticipant } from '../../objects/chatParticipant.js';
import { operation } from '../../operationMeta.js';

export const listAgentChatParticipantsMeta = operation({
  caller: 'agent',
  method: 'GET',
  path: '/agent/chats/{chat_id}/participants',
  operationId: 'listAgentChatParticipants',
  summary: 'List chat room participants',
  description: 'Every participant, in the order they joined; not paginated.',
  tags: ['agentApiParticipants'],
  errors: ['not_found'],
});

export const ListAgentChatParticipantsInput = z.strictObject(ChatIdParam);
export const ListAgentChatParticipantsOutput = z.object({ data: z.array(ChatParticipant) });
