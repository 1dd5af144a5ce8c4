import { z } from 'zod';
import { type EventTable, eventTable, type RealtimeEventType } from './eventTable.js';

export type { PersonalEventType, RealtimeEventType, RoomEventType } from './eventTable.js';

/** One event: its type and the payload the event table gives that type. */
export type RealtimeEvent = {
  [T in RealtimeEventType]: { type: T; payload: z.infer<EventTable[T]['payload']> };
}[RealtimeEventType];

const schemas = Object.entries(eventTable).map(([type, row]) =>
  z.object({ type: z.literal(type), payload: row.payload }),
) as unknown as [z.ZodObject<{ type: z.ZodLiteral<string> }>, ...z.ZodObject<{ type: z.ZodLiteral<string> }>[]];

/** Every event the platform publishes, by type (the outbox's `type` and `payload`), built from the event table. */
export const RealtimeEvent: z.ZodType<RealtimeEvent> = z.discriminatedUnion('type', schemas) as never;
