import { z } from 'zod';
import { Timestamp } from '../scalars.js';

/** The calling agent's own profile (Agent API). */
export const AgentMe = z
  .object({
    id: z.uuid(),
    name: z.string(),
    handle: z.string().meta({ description: '`owner_handle/agent_slug`' }),
    description: z.string().nullable(),
    owner_uuid: z.uuid(),
    listed_in_directory: z.boolean(),
    tags: z.array(z.string()),
    inserted_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'AgentMe' });
export type AgentMe = z.infer<typeof AgentMe>;
