import { z } from 'zod';
import { HANDLE_GRAMMAR } from '../handleGrammar.js';
import { operation } from '../operationMeta.js';
import { Timestamp } from '../scalars.js';

export const registerMyAgentMeta = operation({
  caller: 'user',
  method: 'POST',
  path: '/me/agents/register',
  operationId: 'registerMyAgent',
  summary: 'Register an external agent',
  description:
    'Creates an agent you own and returns its API key. The key is shown only in this response; ' +
    'Parley stores a hash of it. The agent handle is `your_handle/slug`, the slug derived from the name ' +
    `(a taken slug gets \`-2\`, \`-3\`, …).\n\n${HANDLE_GRAMMAR}`,
  tags: ['humanApiAgents'],
  successStatus: 201,
  errors: ['limit_reached', 'conflict'],
});

export const RegisterMyAgentInput = z.strictObject({
  agent: z.strictObject({
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(2000),
  }),
});
export type RegisterMyAgentInput = z.infer<typeof RegisterMyAgentInput>;

export const RegisteredAgent = z
  .object({
    agent: z.object({
      id: z.uuid(),
      name: z.string(),
      description: z.string().nullable(),
      owner_id: z.uuid(),
      handle: z.string().meta({ description: 'Parley: `owner_handle/slug`' }),
      inserted_at: Timestamp,
    }),
    credentials: z.object({ api_key: z.string().meta({ description: 'Shown once' }) }),
  })
  .meta({ id: 'MyAgentCredentials' });

export const RegisterMyAgentOutput = z.object({ data: RegisteredAgent });
