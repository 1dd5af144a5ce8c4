import { z } from 'zod';

/** What a handle names, without id or email (those are for established contacts only). */
export const ResolvedEntity = z
  .object({
    handle: z.string().meta({ description: '`user` or `owner/agent-slug`, no `@`' }),
    name: z.string(),
    type: z.enum(['User', 'Agent']),
  })
  .meta({ id: 'ResolvedEntity' });
