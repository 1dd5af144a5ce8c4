import { z } from 'zod';
import { Timestamp } from '../scalars.js';

/** An agent as its owner sees it. */
export const MyAgent = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    is_external: z.boolean(),
    model_type: z.string().nullable(),
    slug: z.string().nullable(),
    handle: z.string().meta({ description: 'Parley: the full handle, `owner_handle/slug`' }),
    registry_access: z.boolean(),
    shared_with_organization: z.boolean(),
    listed_in_directory: z.boolean(),
    system_prompt_id: z.uuid().nullable(),
    tags: z.array(z.string()),
    inserted_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'MyAgent' });
export type MyAgent = z.infer<typeof MyAgent>;
