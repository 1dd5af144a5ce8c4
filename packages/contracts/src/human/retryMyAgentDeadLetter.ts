import { z } from 'zod';
import { operation } from '../operationMeta.js';

export const retryMyAgentDeadLetterMeta = operation({
  caller: 'user',
  method: 'POST',
  path: '/me/agents/{id}/dead-letters/{message_id}/retry',
  operationId: 'retryMyAgentDeadLetter',
  summary: 'Retry a dead-lettered message (Parley extension)',
  description:
    'A Parley extension. Puts the message back in the agent’s queue with a fresh budget of ' +
    '`max_attempts` claims; its attempt history stays. A message that is not dead-lettered is a 404.',
  tags: ['humanApiAgents'],
  errors: ['not_found'],
});

export const RetryMyAgentDeadLetterInput = z.strictObject({
  id: z.uuid().meta({ description: 'Agent ID' }),
  message_id: z.uuid().meta({ description: 'Message ID' }),
});
export const RetryMyAgentDeadLetterOutput = z.object({
  data: z.object({
    message_id: z.uuid(),
    agent_id: z.uuid(),
    status: z.literal('failed'),
    dead_lettered: z.literal(false),
  }),
});
