import { z } from 'zod';
import { CursorFirstPageMetadata } from '../pagination.js';
import { Timestamp } from '../scalars.js';

export const eventMessageTypes = ['tool_call', 'tool_result', 'thought', 'error', 'task', 'attention'] as const;
/** Every type a human can read in a room (`system`, `action` and `guidelines` are internal). */
export const visibleMessageTypes = ['text', ...eventMessageTypes] as const;

/**
 * A message of a room. Text messages carry in `metadata`: `mentions` (resolved `{id, handle, name,
 * kind}`), `status` (`sent`, or `delivered` when agents were mentioned) and `delivery_status`
 * (agent id → `{status, current_attempt, delivered_at, processed_at, attempts}`; an agent sees
 * only its own entry). Events carry the metadata their agent gave.
 */
export const ChatMessage = z
  .object({
    id: z.uuid(),
    chat_room_id: z.uuid(),
    content: z.string(),
    message_type: z.string().meta({ description: `One of ${visibleMessageTypes.join(', ')}` }),
    sender_id: z.uuid(),
    sender_type: z.enum(['User', 'Agent', 'System']),
    sender_name: z.string().meta({ description: "A user's full name (else handle), an agent's name" }),
    metadata: z.record(z.string(), z.unknown()),
    inserted_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'ChatMessage' });
export type ChatMessage = z.infer<typeof ChatMessage>;

/** The answer to a text message sent: who it was addressed to (the `mention`-kind entries). */
export const MessageSent = z
  .object({
    id: z.uuid(),
    success: z.boolean(),
    recipients: z.array(z.object({ id: z.uuid(), handle: z.string(), name: z.string() })),
  })
  .meta({ id: 'MessageSentResponse' });

/** The state of the caller's processing of a message after a lifecycle call. */
export const MessageStatus = z
  .object({
    id: z.uuid(),
    status: z.enum(['processing', 'processed', 'failed']),
    attempt_number: z.number().int(),
    success: z.boolean(),
  })
  .meta({ id: 'MessageStatusResponse' });

/** Pagination metadata of message lists: cursor keys always, offset keys in offset style. */
export const MessagePageMetadata = CursorFirstPageMetadata;
