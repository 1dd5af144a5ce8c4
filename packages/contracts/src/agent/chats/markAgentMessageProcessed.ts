import { z } from 'zod';
import { MessageStatus } from '../../objects/chatMessage.js';
import { operation } from '../../operationMeta.js';
import { MessageLifecycleInput } from './markAgentMessageProcessing.js';

export const markAgentMessageProcessedMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/chats/{chat_id}/messages/{id}/processed',
  operationId: 'markAgentMessageProcessed',
  summary: 'Mark message as processed',
  description: 'Closes the open attempt as a success. Without an open attempt: 422.',
  tags: ['agentApiMessages'],
  errors: ['not_found'],
});

export const MarkAgentMessageProcessedInput = MessageLifecycleInput;
export const MarkAgentMessageProcessedOutput = z.object({ data: MessageStatus });
