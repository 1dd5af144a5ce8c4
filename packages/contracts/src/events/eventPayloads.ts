import { z } from 'zod';
import { Timestamp } from '../scalars.js';

/**
 * What each realtime event carries, as the vendor's socket sends it (docs/realtime.md) and its SDKs parse
 * it. Objects are loose: a payload may carry more than the keys vendor clients require.
 */

const PrincipalType = z.enum(['User', 'Agent']);

/** `message_created`, `message_updated`, `event_created`: the ChatMessage object (`chatMessageView`). */
export const MessagePayload = z.looseObject({
  id: z.uuid(),
  chat_room_id: z.uuid(),
  content: z.string(),
  message_type: z.string(),
  sender_id: z.uuid().meta({ description: 'The all-zero UUID once the sender was deleted, as in REST answers' }),
  sender_type: z.enum(['User', 'Agent', 'System']),
  sender_name: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  inserted_at: Timestamp,
  updated_at: Timestamp,
});
export type MessagePayload = z.infer<typeof MessagePayload>;

export const MessageDeletedPayload = z.looseObject({ id: z.uuid(), chat_room_id: z.uuid() });

/** The participant as `GET /me/chats/{id}/participants` lists it (`meChatParticipantView`; users: no email). */
export const ParticipantAddedPayload = z.looseObject({
  id: z.uuid(),
  type: PrincipalType,
  name: z.string(),
  handle: z.string().nullable(),
  role: z.enum(['owner', 'admin', 'member']),
  status: z.string(),
});

/** Spec: `{id, type}`; `name` too, which the vendor's Python SDK requires. */
export const ParticipantRemovedPayload = z.looseObject({ id: z.uuid(), type: PrincipalType, name: z.string() });

export const RoomDeletedPayload = z.looseObject({ id: z.uuid() });

const roomFields = {
  id: z.uuid(),
  title: z.string().nullable(),
  task_id: z.uuid().nullable(),
  status: z.string(),
  type: z.string(),
  inserted_at: Timestamp,
  updated_at: Timestamp,
};

/** ChatRoom plus who owns it and the recipient's role in it. */
export const RoomAddedPayload = z.looseObject({
  ...roomFields,
  metadata: z.record(z.string(), z.unknown()),
  owner: z.object({ id: z.uuid(), name: z.string(), type: PrincipalType }).nullable(),
  participant_role: z.enum(['owner', 'admin', 'member']),
});

/**
 * `title` is a string here ("" for an untitled room): the vendor's TypeScript SDK rejects a
 * `room_removed` whose title is null, and drops the event.
 */
export const RoomRemovedPayload = z.looseObject({ ...roomFields, title: z.string(), removed_at: Timestamp });

/** On agent topics: the agent-side received request. */
export const AgentContactRequestPayload = z.looseObject({
  id: z.uuid(),
  from_handle: z.string(),
  from_name: z.string(),
  message: z.string().nullable(),
  status: z.string(),
  inserted_at: Timestamp,
});

/** On user topics: the ContactRequest object. */
export const UserContactRequestPayload = z.looseObject({
  id: z.uuid(),
  requester_id: z.uuid(),
  recipient_id: z.uuid(),
  status: z.string(),
  message: z.string().nullable(),
  inserted_at: Timestamp,
  requester: z.object({ id: z.uuid(), handle: z.string(), name: z.string() }),
  recipient: z.object({ id: z.uuid(), handle: z.string(), name: z.string() }),
});

/**
 * The vendor's `{id, status}`, as the whole request the recipient's API lists (users: the
 * ContactRequest object; agents: the received or sent shape). `status` may be `expired`.
 */
export const ContactRequestUpdatedPayload = z.looseObject({ id: z.uuid(), status: z.string() });

/** `id` is the recipient's own contact record (what `contacts/remove` takes as `contact_id`). */
export const ContactAddedPayload = z.looseObject({
  id: z.uuid(),
  handle: z.string(),
  name: z.string(),
  type: PrincipalType,
  inserted_at: Timestamp,
});

export const ContactRemovedPayload = z.looseObject({ id: z.uuid() });

/** The working indicator of one agent in a room (`agent_working_started` / `agent_working_stopped`). */
export const AgentWorkingPayload = z.looseObject({
  chat_room_id: z.uuid(),
  agent: z.object({ id: z.uuid(), type: PrincipalType, name: z.string(), handle: z.string().nullable() }),
  working: z.boolean(),
  expires_at: Timestamp.nullable().meta({ description: 'When it turns off without a keep-alive; null once off' }),
  reason: z.enum(['stopped', 'expired']).optional().meta({ description: 'Why it turned off' }),
});
