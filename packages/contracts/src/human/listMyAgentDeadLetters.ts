import { z } from 'zod';
import { operation } from '../operationMeta.js';
import { QueryInt, Timestamp } from '../scalars.js';

export const listMyAgentDeadLettersMeta = operation({
  caller: 'user',
  method: 'GET',
  path: '/me/agents/{id}/dead-letters',
  operationId: 'listMyAgentDeadLetters',
  summary: 'List an agent’s dead-lettered messages (Parley extension)',
  description:
    'A Parley extension. Messages whose claims used up the agent’s `max_attempts`, newest first (at ' +
    'most `limit`, default 50). They stay `failed` in the message lists; retry one to put it back in ' +
    'the agent’s queue.',
  tags: ['humanApiAgents'],
  errors: ['not_found'],
});

export const ListMyAgentDeadLettersInput = z.strictObject({
  id: z.uuid().meta({ description: 'Agent ID' }),
  limit: QueryInt.min(1).max(200).optional(),
});
export const DeadLetter = z
  .object({
    message_id: z.uuid(),
    chat_room_id: z.uuid(),
    attempts: z.number().int(),
    last_error: z.string().nullable(),
    dead_lettered_at: Timestamp,
  })
  .meta({ id: 'DeadLetter' });
export const ListMyAgentDeadLettersOutput = z.object({ data: z.array(DeadLetter) });
