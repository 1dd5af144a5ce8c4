import { z } from 'zod';
import { RealtimeEvent } from './realtimeEvent.js';

/**
 * What the native event stream yields: an event with its outbox id (also the SSE event id a client
 * resumes from) and, for room events, the room. The payload is as the socket sends it.
 */
export const StreamEvent = z.intersection(
  z.object({ id: z.string(), chat_room_id: z.uuid().nullable() }),
  RealtimeEvent,
);
export type StreamEvent = z.infer<typeof StreamEvent>;

/** Input of `human.events.stream` and `agent.events.stream`. */
export const StreamEventsInput = z
  .strictObject({
    lastEventId: z
      .string()
      .regex(/^\d{1,15}$/, 'an event id as received')
      .nullish()
      .meta({ description: 'Resume after this event (sent by httpSubscriptionLink on reconnect)' }),
  })
  .optional();
