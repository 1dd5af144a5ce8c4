import { z } from 'zod';
import {
  AgentContactRequestPayload,
  ContactAddedPayload,
  ContactRemovedPayload,
  ContactRequestUpdatedPayload,
  MessageDeletedPayload,
  MessagePayload,
  ParticipantAddedPayload,
  ParticipantRemovedPayload,
  RoomAddedPayload,
  RoomDeletedPayload,
  RoomRemovedPayload,
  UserContactRequestPayload,
} from './eventPayloads.js';

/** Events about a room: pushed to its participants (`chat_room:` and `room_participants:` topics). */
export const roomEventTypes = [
  'message_created',
  'message_updated',
  'message_deleted',
  'event_created',
  'participant_added',
  'participant_removed',
  'room_deleted',
] as const;

/** Events for one principal (`user_rooms:`/`agent_rooms:`, `user_contacts:`/`agent_contacts:`). */
export const personalEventTypes = [
  'room_added',
  'room_removed',
  'contact_request_received',
  'contact_request_updated',
  'contact_added',
  'contact_removed',
] as const;

export type RoomEventType = (typeof roomEventTypes)[number];
export type PersonalEventType = (typeof personalEventTypes)[number];
export type RealtimeEventType = RoomEventType | PersonalEventType;

const event = <T extends RealtimeEventType, P extends z.ZodType>(type: T, payload: P) =>
  z.object({ type: z.literal(type), payload });

/** Every event the platform publishes, by type (the outbox's `type` and `payload`). */
export const RealtimeEvent = z.discriminatedUnion('type', [
  event('message_created', MessagePayload),
  event('message_updated', MessagePayload),
  event('message_deleted', MessageDeletedPayload),
  event('event_created', MessagePayload),
  event('participant_added', ParticipantAddedPayload),
  event('participant_removed', ParticipantRemovedPayload),
  event('room_deleted', RoomDeletedPayload),
  event('room_added', RoomAddedPayload),
  event('room_removed', RoomRemovedPayload),
  event('contact_request_received', z.union([AgentContactRequestPayload, UserContactRequestPayload])),
  event('contact_request_updated', ContactRequestUpdatedPayload),
  event('contact_added', ContactAddedPayload),
  event('contact_removed', ContactRemovedPayload),
]);
export type RealtimeEvent = z.infer<typeof RealtimeEvent>;
