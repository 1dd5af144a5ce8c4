import { findPlatformAgent, insertPlatformAgent } from '@parley/db/repositories/platformAgents';
import { createOwnedAgent } from '../agents/createOwnedAgent.js';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { givenGenerationSettings, type PlatformAgentSettingsInput } from './platformAgentSettings.js';
import { pickModel, requirePlatformModels } from './platformModels.js';

/**
 * Creates a platform agent: an agent the caller owns that Parley runs itself on the configured
 * model provider (docs/platform-agents.md). Same quota and handle rules as a registered agent; no
 * API key. Its `model_type` is the model it uses.
 */
export async function createPlatformAgent(
  deps: CoreDeps,
  identity: UserIdentity,
  input: { name: string; description: string; instructions: string } & PlatformAgentSettingsInput,
) {
  const model = pickModel(requirePlatformModels(deps), input.model, '/agent/model');
  const settings = { temperature: null, top_p: null, max_tokens: null, ...givenGenerationSettings(input) };
  const { agent, extra } = await createOwnedAgent(
    deps,
    identity,
    { name: input.name, description: input.description, isExternal: false, modelType: model },
    async (trx, agent) => {
      await insertPlatformAgent(trx, {
        agent_id: agent.id,
        organization_id: agent.organization_id,
        instructions: input.instructions,
        model,
        ...settings,
      });
      const row = await findPlatformAgent(trx, agent.id);
      if (!row) throw new Error('platform agent vanished after insert');
      return row;
    },
  );
  return { agent, settings: extra };
}
