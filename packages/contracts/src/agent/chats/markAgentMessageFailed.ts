import { z } from 'zod';
import { ChatIdParam } from '../../chatInputs.js';
import { MessageStatus } from '../../objects/chatMessage.js';
import { operation } from '../../operationMeta.js';

export const markAgentMessageFailedMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/chats/{chat_id}/messages/{id}/failed',
  operationId: 'markAgentMessageFailed',
  summary: 'Mark message processing as failed',
  description:
    'Closes the open attempt as failed with `error`. The message stays in the queue: `/processing` ' +
    'starts the next attempt. Without an open attempt: 422.',
  tags: ['agentApiMessages'],
  errors: ['not_found'],
});

export const MarkAgentMessageFailedInput = z.strictObject({
  ...ChatIdParam,
  id: z.uuid().meta({ description: 'Message id' }),
  error: z.string().trim().min(1).max(10_000),
});
export const MarkAgentMessageFailedOutput = z.object({ data: MessageStatus });
