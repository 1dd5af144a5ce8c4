import type { ColumnType } from 'kysely';
import type { Json, Timestamp } from './columns.js';

/** One realtime event, appended in the transaction of the change it reports (see the migration). */
export interface EventOutboxTable {
  /** Assigned at insert; the order events are pushed in, and the resume position of a stream. */
  id: ColumnType<number, never, never>;
  type: string;
  organization_id: string;
  chat_room_id: string | null;
  recipient_id: string | null;
  audience: string[] | null;
  payload: Json<unknown>;
  inserted_at: Timestamp;
}

export interface EventOutboxStateTable {
  singleton: ColumnType<boolean, never, never>;
  pruned_through: number;
}
