import type { RegisteredAgent } from '@parley/contracts/human/registerMyAgent';
import type { AgentRow } from '@parley/db/repositories/agents';
import type { z } from 'zod';

/** An agent with a freshly issued key (registration and key rotation answer alike). */
export function toRegisteredAgent(agent: AgentRow, apiKey: string): z.infer<typeof RegisteredAgent> {
  return {
    agent: {
      id: agent.id,
      name: agent.name,
      description: agent.description,
      owner_id: agent.owner_id,
      handle: agent.handle,
      inserted_at: agent.inserted_at,
    },
    credentials: { api_key: apiKey },
  };
}
