import type { PlatformAgentSettings } from '@parley/contracts/human/platformAgentSettings';
import type { AgentRow } from '@parley/db/repositories/agents';
import type { PlatformAgentRow } from '@parley/db/repositories/platformAgents';

export function toPlatformAgentSettings(
  agent: AgentRow,
  settings: PlatformAgentRow,
  availableModels: readonly string[] | undefined,
): PlatformAgentSettings {
  return {
    id: agent.id,
    name: agent.name,
    description: agent.description,
    handle: agent.handle,
    is_external: false,
    instructions: settings.instructions,
    model: settings.model,
    temperature: settings.temperature,
    top_p: settings.top_p,
    max_tokens: settings.max_tokens,
    available_models: [...(availableModels ?? [])],
    inserted_at: settings.inserted_at,
    // ISO-8601 UTC strings of one format: the later one sorts last.
    updated_at: [agent.updated_at, settings.updated_at].sort()[1] as string,
  };
}
