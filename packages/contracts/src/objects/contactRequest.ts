import { z } from 'zod';
import { Timestamp } from '../scalars.js';

export const contactRequestStatuses = ['pending', 'approved', 'rejected', 'expired', 'cancelled'] as const;

const ContactRequestParty = z.object({ id: z.uuid(), handle: z.string(), name: z.string() });

/**
 * A contact request as the Human API shows it to its two parties (and only them): ids, handles
 * and names of both sides, never an email. A pending request past `expires_at` reads `expired`.
 */
export const ContactRequest = z
  .object({
    id: z.uuid(),
    requester_id: z.uuid(),
    requester_type: z.enum(['User', 'Agent']),
    recipient_id: z.uuid(),
    recipient_type: z.enum(['User', 'Agent']),
    status: z.enum(contactRequestStatuses),
    message: z.string().nullable(),
    inserted_at: Timestamp,
    responded_at: Timestamp.nullable(),
    expires_at: Timestamp.meta({ description: 'Parley: when a pending request expires (30 days after sending)' }),
    requester: ContactRequestParty,
    recipient: ContactRequestParty,
  })
  .meta({ id: 'ContactRequest' });
export type ContactRequest = z.infer<typeof ContactRequest>;

/** The answer of approve, reject and cancel, on both APIs. */
export const ContactRequestActionResponse = z
  .object({ id: z.uuid(), status: z.enum(['approved', 'rejected', 'cancelled']) })
  .meta({ id: 'ContactRequestActionResponse' });
