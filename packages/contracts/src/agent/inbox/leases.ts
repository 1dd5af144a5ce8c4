import { z } from 'zod';
import { ChatMessage } from '../../objects/chatMessage.js';
import { Timestamp } from '../../scalars.js';

/** Seconds a lease lasts: long enough for a slow handler, short enough that a crash is noticed. */
export const LeaseSeconds = z
  .number()
  .int()
  .min(1)
  .max(3600)
  .meta({ description: 'Seconds until the lease expires and the message returns to the queue (1–3600)' });

export const LeaseRef = z.strictObject({
  message_id: z.uuid().meta({ description: 'Message id of the claim' }),
  lease_token: z.uuid().meta({ description: 'The lease token the claim returned' }),
});

/** 1–100 leases, each message once. */
export function leaseList<T extends z.ZodType<{ message_id: string }>>(item: T) {
  return z
    .array(item)
    .min(1)
    .max(100)
    .refine((list) => new Set(list.map((l) => l.message_id)).size === list.length, {
      message: 'lists a message twice',
    });
}

export const Claim = z
  .object({
    message: ChatMessage,
    lease_token: z.uuid(),
    lease_expires_at: Timestamp,
    attempt_number: z.number().int().meta({ description: 'This attempt’s number (1 for the first claim)' }),
  })
  .meta({ id: 'InboxClaim', description: 'A claimed message and its lease (Parley extension)' });

export const SettleResult = z
  .object({
    message_id: z.uuid(),
    result: z.enum(['processed', 'failed', 'dead_lettered', 'lease_lost']).meta({
      description:
        '`lease_lost`: the lease is no longer held (it expired and the message was claimed again, or ' +
        'it was already settled); nothing was changed',
    }),
    attempt_number: z.number().int().nullable(),
  })
  .meta({ id: 'InboxSettleResult' });
export const SettleOutput = z.object({ data: z.array(SettleResult) });
