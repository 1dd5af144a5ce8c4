import type { z } from 'zod';
import { ChatRoom } from '../objects/chatRoom.js';
import { Board, Task } from '../objects/task.js';
import {
  AgentContactRequestPayload,
  AgentWorkingPayload,
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

/**
 * The socket topic family an event goes out on. Room topics carry the room id; personal ones the
 * viewer's own id, prefixed by its kind (`user_rooms:{id}` or `agent_rooms:{id}`).
 */
export type EventTopic = 'chat_room' | 'room_participants' | 'rooms' | 'contacts';

/**
 * Who receives an event (before room membership, which is checked for every room event):
 * - `room_people_and_mentioned_agents`: the room's people, and agents the text mentions (not its sender);
 * - `room_people`: the room's people only;
 * - `room_everyone`: every participant, people and agents;
 * - `recipient`: the one user or agent the event names (personal events).
 */
export type EventAudience = 'room_people_and_mentioned_agents' | 'room_people' | 'room_everyone' | 'recipient';

export interface EventRow {
  topic: EventTopic;
  audience: EventAudience;
  payload: z.ZodType;
  /** One line for docs/events.md. */
  description: string;
}

/**
 * Every event the platform publishes, and nothing else: the outbox's `type`, the socket topic, the
 * audience and the payload schema. Routing, visibility, the socket, the native streams and the test
 * clients read this table; an event type exists only as a row here, so one added without its
 * routing cannot be written (`RealtimeEventType` is this table's keys).
 */
export const eventTable = {
  message_created: {
    topic: 'chat_room',
    audience: 'room_people_and_mentioned_agents',
    payload: MessagePayload,
    description: 'A message was posted (agents: only text that mentions them, not their own).',
  },
  message_updated: {
    topic: 'chat_room',
    audience: 'room_people',
    payload: MessagePayload,
    description: "A message's processing status changed.",
  },
  message_deleted: {
    topic: 'chat_room',
    audience: 'room_people',
    payload: MessageDeletedPayload,
    description: 'A message was deleted.',
  },
  event_created: {
    topic: 'chat_room',
    audience: 'room_people',
    payload: MessagePayload,
    description: 'An agent posted an event (tool call, thought, error, task…).',
  },
  participant_added: {
    topic: 'room_participants',
    audience: 'room_everyone',
    payload: ParticipantAddedPayload,
    description: 'Someone joined the room.',
  },
  participant_removed: {
    topic: 'room_participants',
    audience: 'room_everyone',
    payload: ParticipantRemovedPayload,
    description: 'Someone left or was removed from the room.',
  },
  room_deleted: {
    topic: 'room_participants',
    audience: 'room_everyone',
    payload: RoomDeletedPayload,
    description: 'The room was deleted.',
  },
  room_updated: {
    topic: 'room_participants',
    audience: 'room_everyone',
    payload: ChatRoom,
    description: 'The room was renamed (the ChatRoom object as it is now).',
  },
  room_added: {
    topic: 'rooms',
    audience: 'recipient',
    payload: RoomAddedPayload,
    description: 'The recipient joined a room (created it or was added).',
  },
  room_removed: {
    topic: 'rooms',
    audience: 'recipient',
    payload: RoomRemovedPayload,
    description: 'The recipient left a room (or was removed).',
  },
  contact_request_received: {
    topic: 'contacts',
    audience: 'recipient',
    payload: AgentContactRequestPayload.or(UserContactRequestPayload),
    description: 'A contact request arrived.',
  },
  contact_request_updated: {
    topic: 'contacts',
    audience: 'recipient',
    payload: ContactRequestUpdatedPayload,
    description: 'A contact request was approved, rejected, cancelled or expired.',
  },
  contact_added: {
    topic: 'contacts',
    audience: 'recipient',
    payload: ContactAddedPayload,
    description: 'A contact was added.',
  },
  contact_removed: {
    topic: 'contacts',
    audience: 'recipient',
    payload: ContactRemovedPayload,
    description: 'A contact was removed.',
  },
  task_created: {
    topic: 'chat_room',
    audience: 'room_everyone',
    payload: Task,
    description: "A task was added to the room's board.",
  },
  task_updated: {
    topic: 'chat_room',
    audience: 'room_everyone',
    payload: Task,
    description: 'A task changed: status, live sentence, comment, edit or lifecycle.',
  },
  task_superseded: {
    topic: 'chat_room',
    audience: 'room_everyone',
    payload: Task,
    description: 'A task was replaced by a new one (`superseded_by_id`).',
  },
  board_updated: {
    topic: 'chat_room',
    audience: 'room_everyone',
    payload: Board,
    description: 'The room goal was set or changed.',
  },
  agent_working_started: {
    topic: 'chat_room',
    audience: 'room_people',
    payload: AgentWorkingPayload,
    description: 'An agent reported that it is working in the room (the "Reasoning…" indicator).',
  },
  agent_working_stopped: {
    topic: 'chat_room',
    audience: 'room_people',
    payload: AgentWorkingPayload,
    description: 'The indicator went off: the agent said so, or its keep-alives stopped (~10 s).',
  },
} as const satisfies Record<string, EventRow>;

export type EventTable = typeof eventTable;
export type RealtimeEventType = keyof EventTable;

/** Every event type, in table order. */
export const realtimeEventTypes = Object.keys(eventTable) as RealtimeEventType[];

/** The types whose audience is given by `A`. */
export type EventTypeOfAudience<A extends EventAudience> = {
  [T in RealtimeEventType]: EventTable[T]['audience'] extends A ? T : never;
}[RealtimeEventType];

/** Events about a room: pushed to its participants. */
export type RoomEventType = Exclude<RealtimeEventType, PersonalEventType>;
/** Events for one principal. */
export type PersonalEventType = EventTypeOfAudience<'recipient'>;

export function eventRow<T extends RealtimeEventType>(type: T): EventTable[T] {
  return eventTable[type];
}
