import { z } from 'zod';
import { operation } from '../operationMeta.js';

export const listPlatformModelsMeta = operation({
  caller: 'user',
  method: 'GET',
  path: '/me/platform-models',
  operationId: 'listPlatformModels',
  summary: 'List the models platform agents may use (Parley extension)',
  description:
    'A Parley extension. The model ids the operator allows for platform agents (`PARLEY_LLM_MODELS`), ' +
    'the first being the default, so that a form can offer them before an agent exists. Without a ' +
    'provider configured on the server: 503 `llm_not_configured`, naming the missing settings.',
  tags: ['humanApiAgents'],
  errors: ['llm_not_configured'],
});

export const ListPlatformModelsInput = z.strictObject({}).optional();
export const ListPlatformModelsOutput = z.object({
  data: z.object({
    models: z.array(z.string()).meta({ description: 'The allowed model ids, in the operator’s order' }),
    default_model: z.string().meta({ description: 'The model a new agent gets when none is given' }),
  }),
});
