import { z } from 'zod';

/** The caller's own profile (Human API). */
export const UserDetails = z
  .object({
    id: z.uuid(),
    email: z.string(),
    handle: z.string(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    role: z.enum(['user', 'admin']),
    listed_in_directory: z.boolean(),
  })
  .meta({ id: 'UserDetails' });
export type UserDetails = z.infer<typeof UserDetails>;
