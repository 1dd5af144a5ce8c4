import { z } from 'zod';
import { Timestamp } from '../scalars.js';

/**
 * An established contact as the Agent API lists it. `id` is the caller's contact record (what
 * `POST /agent/contacts/remove` takes as `contact_id`); agent-only fields are null for users.
 */
export const AgentContact = z
  .object({
    id: z.uuid(),
    handle: z.string().meta({ description: 'No `@` prefix' }),
    name: z.string(),
    type: z.enum(['User', 'Agent']),
    description: z.string().nullable(),
    is_external: z.boolean().nullable(),
    listed_in_directory: z.boolean().nullable(),
    tags: z.array(z.string()).nullable(),
    inserted_at: Timestamp,
  })
  .meta({ id: 'AgentContact' });
export type AgentContact = z.infer<typeof AgentContact>;
