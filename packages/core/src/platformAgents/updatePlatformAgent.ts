import { findAgentById } from '@parley/db/repositories/agents';
import {
  findPlatformAgent,
  updateAgentProfile,
  updatePlatformAgent as updateRow,
} from '@parley/db/repositories/platformAgents';
import { lockOwnedAgent } from '../agents/lockOwnedAgent.js';
import { notFound } from '../appError.js';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { transact } from '../idempotency/transact.js';
import { givenGenerationSettings, type PlatformAgentSettingsInput } from './platformAgentSettings.js';
import { pickModel, requirePlatformModels } from './platformModels.js';

/**
 * Changes a platform agent's name, description, instructions, model or generation settings, in
 * one transaction (the agent row locked). Only what is given changes; a null generation setting
 * goes back to the provider's default. The new settings apply from the next message it handles.
 */
export async function updatePlatformAgent(
  deps: CoreDeps,
  identity: UserIdentity,
  agentId: string,
  input: { name?: string | undefined; description?: string | undefined } & PlatformAgentSettingsInput,
) {
  const model =
    input.model === undefined ? undefined : pickModel(requirePlatformModels(deps), input.model, '/agent/model');
  return transact(deps, async (trx) => {
    const locked = await lockOwnedAgent(trx, identity, agentId);
    if (locked.is_external || !(await findPlatformAgent(trx, agentId))) throw notFound('Platform agent');
    const profile = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description || null } : {}),
      ...(model !== undefined ? { model_type: model } : {}),
    };
    if (Object.keys(profile).length > 0) await updateAgentProfile(trx, agentId, profile);
    const settings = {
      ...(input.instructions !== undefined ? { instructions: input.instructions } : {}),
      ...(model !== undefined ? { model } : {}),
      ...givenGenerationSettings(input),
    };
    if (Object.keys(settings).length > 0) await updateRow(trx, agentId, settings);
    const agent = await findAgentById(trx, agentId);
    const row = await findPlatformAgent(trx, agentId);
    if (!agent || !row) throw notFound('Platform agent');
    return { agent, settings: row };
  });
}
