import type { PersonalEventType, RealtimeEvent, RoomEventType } from '@parley/contracts/events/realtimeEvent';
import type { DB } from '@parley/db/database';
import { appendOutboxRows } from '@parley/db/repositories/eventOutbox';
import type { Transaction } from 'kysely';

/** A room event: pushed to the room's participants (or to `audience`, when membership is gone). */
export type RoomEventToRecord = Extract<RealtimeEvent, { type: RoomEventType }> & {
  organizationId: string;
  roomId: string;
  /** Who may receive it, fixed now; for events whose room has no participants left to check. */
  audience?: string[];
};

/** A personal event: pushed to one user's or agent's own topics. */
export type PersonalEventToRecord = Extract<RealtimeEvent, { type: PersonalEventType }> & {
  organizationId: string;
  recipientId: string;
};

export type EventToRecord = RoomEventToRecord | PersonalEventToRecord;

/**
 * Publishes events as part of the caller's transaction: they exist, and are pushed, exactly when
 * the change they report commits; a rolled-back change publishes nothing. Call it once per write,
 * late in the transaction (writers hold a shared lock from here to commit, see `appendOutboxRows`).
 */
export async function recordEvents(trx: Transaction<DB>, events: EventToRecord[]): Promise<void> {
  await appendOutboxRows(
    trx,
    events.map((e) => ({
      type: e.type,
      organization_id: e.organizationId,
      payload: e.payload,
      ...('roomId' in e ? { chat_room_id: e.roomId, audience: e.audience ?? null } : { recipient_id: e.recipientId }),
    })),
  );
}

export function recordEvent(trx: Transaction<DB>, event: EventToRecord): Promise<void> {
  return recordEvents(trx, [event]);
}
