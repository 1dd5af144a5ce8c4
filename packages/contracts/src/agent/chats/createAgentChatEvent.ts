import { z } from 'zod';
import { ChatIdParam } from '../../chatInputs.js';
import { eventMessageTypes } from '../../objects/chatMessage.js';
import { operation } from '../../operationMeta.js';

export const createAgentChatEventMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/chats/{chat_id}/events',
  operationId: 'createAgentChatEvent',
  summary: 'Create a chat event as the agent',
  description:
    'Reports what the agent did (`tool_call`, `tool_result`, `thought`, `error`, `task`, `attention`). ' +
    'No mentions, no deliveries; humans read events in the room. `content` ≤ 16384 characters, ' +
    '`metadata` ≤ 64 KiB serialized. Counts against the room’s message quota.',
  tags: ['agentApiEvents'],
  successStatus: 201,
  errors: ['not_found', 'limit_reached'],
});

export const CreateAgentChatEventInput = z.strictObject({
  ...ChatIdParam,
  event: z.strictObject({
    content: z.string().min(1).meta({ description: 'At most 16384 characters' }),
    message_type: z.enum(eventMessageTypes),
    metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  }),
});

export const CreateAgentChatEventOutput = z.object({
  data: z.object({ id: z.uuid(), message_type: z.string(), success: z.boolean() }),
});
