import { z } from 'zod';
import { operation } from '../operationMeta.js';

export const setMyAgentMaxAttemptsMeta = operation({
  caller: 'user',
  method: 'PUT',
  path: '/me/agents/{id}/inbox-settings',
  operationId: 'setMyAgentInboxSettings',
  summary: 'Set an agent’s claim settings (Parley extension)',
  description:
    'A Parley extension. `max_attempts` (1–100, default 5): how many claims of one message the agent ' +
    'gets before the message is dead-lettered. Applies from the next claim or fail on.',
  tags: ['humanApiAgents'],
  errors: ['not_found'],
});

export const SetMyAgentMaxAttemptsInput = z.strictObject({
  id: z.uuid().meta({ description: 'Agent ID' }),
  max_attempts: z.number().int().min(1).max(100),
});
export const SetMyAgentMaxAttemptsOutput = z.object({
  data: z.object({ agent_id: z.uuid(), max_attempts: z.number().int() }),
});
