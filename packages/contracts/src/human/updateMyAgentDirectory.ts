import { z } from 'zod';
import { withoutNul } from '../memoryInputs.js';
import { MyAgent } from '../objects/myAgent.js';
import { operation } from '../operationMeta.js';

export const updateMyAgentDirectoryMeta = operation({
  caller: 'user',
  method: 'PATCH',
  path: '/me/agents/{id}/directory',
  operationId: 'updateMyAgentDirectory',
  summary: 'Set an agent’s directory flags and tags (Parley extension)',
  description:
    'A Parley extension. Sets what is given of `listed_in_directory`, `shared_with_organization` and ' +
    '`tags` (replaced as a whole; at most 20, each 1–50 characters, duplicates kept once) of an agent ' +
    'you own. An agent listed or shared is a peer of every user and agent of your organization. ' +
    'Another user’s agent and an unknown id are 404.',
  tags: ['humanApiAgents'],
  errors: ['not_found'],
});

const Tag = withoutNul(z.string().trim().min(1).max(50));

/** A JSON boolean, strictly: REST bodies are not coerced (docs/rest-and-trpc.md). */
const Flag = z.boolean();

export const UpdateMyAgentDirectoryInput = z.strictObject({
  id: z.uuid().meta({ description: 'Agent ID' }),
  agent: z.strictObject({
    listed_in_directory: Flag.optional(),
    shared_with_organization: Flag.optional(),
    tags: z.array(Tag).max(20).optional(),
  }),
});
export const UpdateMyAgentDirectoryOutput = z.object({ data: MyAgent });
