import type { AgentMe } from '@parley/contracts/objects/agentMe';
import type { MyAgent } from '@parley/contracts/objects/myAgent';
import type { AgentRow } from '@parley/db/repositories/agents';

export function toMyAgent(agent: AgentRow): MyAgent {
  return {
    id: agent.id,
    name: agent.name,
    description: agent.description,
    is_external: agent.is_external,
    model_type: agent.model_type,
    slug: agent.slug,
    handle: agent.handle,
    registry_access: agent.registry_access,
    shared_with_organization: agent.shared_with_organization,
    listed_in_directory: agent.listed_in_directory,
    system_prompt_id: null,
    tags: agent.tags,
    inserted_at: agent.inserted_at,
    updated_at: agent.updated_at,
  };
}

/** The fields of an agent `GET /agent/me` shows (a full row, or the profile the key check read). */
type AgentMeSource = Pick<
  AgentRow,
  'id' | 'name' | 'handle' | 'description' | 'owner_id' | 'listed_in_directory' | 'tags' | 'inserted_at' | 'updated_at'
>;

export function toAgentMe(agent: AgentMeSource): AgentMe {
  return {
    id: agent.id,
    name: agent.name,
    handle: agent.handle,
    description: agent.description,
    owner_uuid: agent.owner_id,
    listed_in_directory: agent.listed_in_directory,
    tags: agent.tags,
    inserted_at: agent.inserted_at,
    updated_at: agent.updated_at,
  };
}
