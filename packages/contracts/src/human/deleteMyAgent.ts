import { z } from 'zod';
import { operation } from '../operationMeta.js';
import { QueryBoolean } from '../scalars.js';

export const deleteMyAgentMeta = operation({
  caller: 'user',
  method: 'DELETE',
  path: '/me/agents/{id}',
  operationId: 'deleteMyAgent',
  summary: 'Delete one of your agents',
  description:
    'Deletes an agent you own, all in one transaction: its API keys stop working at once (401 from the ' +
    'next request); it leaves every room (a room it was the only owner of passes to you if you are in ' +
    'it, else to its longest-standing admin or member); its contacts, memories (written by it or about ' +
    'it), deliveries and executions are deleted; its slot in your organization’s agent quota is freed. ' +
    'Messages it sent stay in their rooms.\n\n' +
    '**History.** An agent that has sent a message, has had a message delivered to it, or has written a ' +
    'memory is refused with 422 (`details["/force"]` says what it has) unless `force=true`, which deletes ' +
    'that history with it.\n\n' +
    '`executions_deleted` is the number of processing attempts (each `/processing` call on a delivered ' +
    'message) that were deleted; 0 without `force`. Another user’s agent is a 404, like an unknown id.',
  tags: ['humanApiAgents'],
  errors: ['not_found'],
});

export const DeleteMyAgentInput = z.strictObject({
  id: z.uuid().meta({ description: 'Agent ID' }),
  force: QueryBoolean.meta({ description: 'Also delete the agent’s history (default false)' }).optional(),
});
export type DeleteMyAgentInput = z.infer<typeof DeleteMyAgentInput>;

export const DeletedAgent = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    executions_deleted: z.number().int().meta({ description: 'Processing attempts deleted (0 without force)' }),
  })
  .meta({ id: 'DeletedAgent' });

export const DeleteMyAgentOutput = z.object({ data: DeletedAgent });
