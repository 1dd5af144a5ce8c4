import { z } from 'zod';
import { operation } from '../operationMeta.js';
import { GenerationSettingsInput, Instructions, ModelId, PlatformAgentSettings } from './platformAgentSettings.js';

export const updateMyPlatformAgentMeta = operation({
  caller: 'user',
  method: 'PATCH',
  path: '/me/agents/{id}/platform',
  operationId: 'updateMyPlatformAgent',
  summary: 'Change a platform agent’s settings (Parley extension)',
  description:
    'A Parley extension. Changes what is given of the name, description, instructions, model and ' +
    'generation settings of a platform agent you own (null resets a generation setting to the ' +
    'provider’s default); they apply from the next message it handles. The handle keeps its slug. ' +
    'Another user’s agent, an unknown id and an external agent are 404; a model the server does not ' +
    'allow is 422; without a provider, changing the model is 503 `llm_not_configured`.',
  tags: ['humanApiAgents'],
  errors: ['not_found', 'llm_not_configured'],
});

export const UpdateMyPlatformAgentInput = z.strictObject({
  id: z.uuid().meta({ description: 'Agent ID' }),
  agent: z.strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    description: z.string().trim().max(2000).optional(),
    instructions: Instructions.optional(),
    model: ModelId.optional(),
    ...GenerationSettingsInput,
  }),
});
export const UpdateMyPlatformAgentOutput = z.object({ data: PlatformAgentSettings });
