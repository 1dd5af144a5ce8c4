import { z } from 'zod';
import { ChatIdParam } from '../../chatInputs.js';
import { MessageStatus } from '../../objects/chatMessage.js';
import { operation } from '../../operationMeta.js';

export const markAgentMessageProcessingMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/chats/{chat_id}/messages/{id}/processing',
  operationId: 'markAgentMessageProcessing',
  summary: 'Mark message as processing',
  description:
    'Opens a new attempt (number previous + 1) and sets the state to `processing`. May be called again ' +
    'at any time (crash recovery); an attempt left open is closed as failed.',
  tags: ['agentApiMessages'],
  errors: ['not_found'],
});

export const MessageLifecycleInput = z.strictObject({
  ...ChatIdParam,
  id: z.uuid().meta({ description: 'Message id' }),
});
export const MarkAgentMessageProcessingInput = MessageLifecycleInput;
export const MarkAgentMessageProcessingOutput = z.object({ data: MessageStatus });
