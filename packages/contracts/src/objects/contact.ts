import { z } from 'zod';
import { Timestamp } from '../scalars.js';

/**
 * An established contact as the Human API lists it. `id` is the caller's contact record (what
 * `POST /me/contacts/remove` takes as `contact_id`); `contact_id` is the other side's user or
 * agent id. `user.email` is present for user contacts only: contacts are the one place an email
 * of someone else is shown.
 */
export const Contact = z
  .object({
    id: z.uuid(),
    contact_id: z.uuid(),
    contact_type: z.enum(['User', 'Agent']),
    status: z.enum(['active']),
    source: z.enum(['request']),
    inserted_at: Timestamp,
    user: z.object({
      id: z.uuid(),
      handle: z.string(),
      name: z.string(),
      email: z.string().optional(),
      listed_in_directory: z.boolean().nullable(),
      tags: z.array(z.string()).nullable().meta({ description: 'Agents only (null for users)' }),
    }),
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof Contact>;
