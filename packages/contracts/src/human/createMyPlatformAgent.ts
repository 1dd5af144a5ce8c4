import { z } from 'zod';
import { HANDLE_GRAMMAR } from '../handleGrammar.js';
import { MyAgent } from '../objects/myAgent.js';
import { operation } from '../operationMeta.js';
import { GenerationSettingsInput, Instructions, ModelId } from './platformAgentSettings.js';

export const createMyPlatformAgentMeta = operation({
  caller: 'user',
  method: 'POST',
  path: '/me/agents',
  operationId: 'createMyAgent',
  summary: 'Create a platform agent',
  description:
    'Creates an agent you own that Parley runs itself on the configured model provider: add it to a ' +
    'room, mention it, and it answers under its `instructions`. It has no API key. Counts against the ' +
    'agent quota like a registered agent; `is_external` is false and `model_type` is its model. ' +
    'Without a provider configured on the server: 503 `llm_not_configured`. A model the server does ' +
    `not allow: 422.\n\n${HANDLE_GRAMMAR}`,
  tags: ['humanApiAgents'],
  successStatus: 201,
  errors: ['limit_reached', 'conflict', 'llm_not_configured'],
});

export const CreateMyPlatformAgentInput = z.strictObject({
  agent: z.strictObject({
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(2000).optional(),
    instructions: Instructions,
    model: ModelId.optional(),
    ...GenerationSettingsInput,
  }),
});
export type CreateMyPlatformAgentInput = z.infer<typeof CreateMyPlatformAgentInput>;

export const CreateMyPlatformAgentOutput = z.object({ data: MyAgent });
