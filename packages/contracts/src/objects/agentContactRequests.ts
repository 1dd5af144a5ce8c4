import { z } from 'zod';
import { Timestamp } from '../scalars.js';

/**
 * The statuses the Agent API shows. The vendor's agent-side enums have no `expired`, so expired
 * requests appear only when asked for explicitly (`sent_status=expired`, a Parley extension).
 */
const AgentRequestStatus = z.enum(['pending', 'approved', 'rejected', 'cancelled', 'expired']);

export const ReceivedContactRequest = z
  .object({
    id: z.uuid(),
    from_handle: z.string().meta({ description: 'No `@` prefix' }),
    from_name: z.string(),
    from_type: z.enum(['User', 'Agent']).meta({ description: 'Parley extension' }),
    message: z.string().nullable(),
    status: AgentRequestStatus,
    inserted_at: Timestamp,
    expires_at: Timestamp.meta({ description: 'Parley extension' }),
  })
  .meta({ id: 'ReceivedContactRequest' });

export const SentContactRequest = z
  .object({
    id: z.uuid(),
    to_handle: z.string().meta({ description: 'No `@` prefix' }),
    to_name: z.string(),
    to_type: z.enum(['User', 'Agent']).meta({ description: 'Parley extension' }),
    message: z.string().nullable(),
    status: AgentRequestStatus,
    inserted_at: Timestamp,
    expires_at: Timestamp.meta({ description: 'Parley extension' }),
  })
  .meta({ id: 'SentContactRequest' });
