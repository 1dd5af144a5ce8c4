import { z } from 'zod';
import { ChatIdParam, SendMessageBody, sendMessageErrors } from '../../chatInputs.js';
import { MessageSent } from '../../objects/chatMessage.js';
import { operation } from '../../operationMeta.js';

export const createAgentChatMessageMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/chats/{chat_id}/messages',
  operationId: 'createAgentChatMessage',
  summary: 'Send a text message as the agent',
  description:
    'Text only (events go to `/events`). Mentions (by `id` or `handle`) must name participants of the ' +
    'room, at least one of kind `mention`, never the agent itself. Counts against the room’s message quota.',
  tags: ['agentApiMessages'],
  successStatus: 201,
  errors: sendMessageErrors,
});

export const CreateAgentChatMessageInput = z.strictObject({ ...ChatIdParam, ...SendMessageBody });
export const CreateAgentChatMessageOutput = z.object({ data: MessageSent });
