import { z } from 'zod';
import { ChatIdParam } from '../../chatInputs.js';
import { ChatMessage } from '../../objects/chatMessage.js';
import { operation } from '../../operationMeta.js';

export const getAgentNextMessageMeta = operation({
  caller: 'agent',
  method: 'GET',
  path: '/agent/chats/{chat_id}/messages/next',
  operationId: 'getAgentNextMessage',
  summary: 'Get next message to process',
  description:
    'The oldest message mentioning the agent that it has not processed (one stuck in `processing` ' +
    'included), or 204 with no body. It does not claim the message: call `/processing` next. Two ' +
    'workers of one agent polling the same room can be served the same message.',
  tags: ['agentApiMessages'],
  successStatus: 204,
  errors: ['not_found'],
});

export const GetAgentNextMessageInput = z.strictObject(ChatIdParam);
export const GetAgentNextMessageOutput = z.object({ data: ChatMessage }).nullable();
