import { z } from 'zod';
import { operation } from '../operationMeta.js';
import { RegisteredAgent } from './registerMyAgent.js';

export const rotateMyAgentKeyMeta = operation({
  caller: 'user',
  method: 'POST',
  path: '/me/agents/{id}/rotate-key',
  operationId: 'rotateMyAgentKey',
  summary: 'Issue a new API key for one of your agents (Parley extension)',
  description:
    'A Parley extension, not part of the Thenvoi/Band API. Issues a new key for an agent you own and ' +
    'revokes every key it had, in one transaction: from this response on the old key answers 401 and ' +
    'only the new one works. The new key is shown only in this response. The body is the same as ' +
    'registration’s. No request body. Another user’s agent is a 404, like an unknown id. A platform ' +
    'agent has no key: 409 `agent_has_no_key`.',
  tags: ['humanApiAgents'],
  errors: ['not_found', 'agent_has_no_key'],
});

export const RotateMyAgentKeyInput = z.strictObject({ id: z.uuid().meta({ description: 'Agent ID' }) });
export type RotateMyAgentKeyInput = z.infer<typeof RotateMyAgentKeyInput>;

export const RotateMyAgentKeyOutput = z.object({ data: RegisteredAgent });
