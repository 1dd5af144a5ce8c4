import type { ColumnType } from 'kysely';
import type { Timestamp } from './columns.js';

export type DeliveryStatus = 'delivered' | 'processing' | 'processed' | 'failed';

/** One row per (message, mentioned agent): the per-agent processing state. */
export interface MessageDeliveriesTable {
  message_id: string;
  agent_id: string;
  chat_room_id: string;
  message_seq: number;
  status: DeliveryStatus;
  current_attempt: number;
  delivered_at: Timestamp;
  processed_at: Timestamp | null;
  updated_at: Timestamp;
  /** Set while a leased claim holds the delivery (null for the vendor's `/processing`). */
  lease_token: ColumnType<string | null, string | null | undefined, string | null>;
  lease_expires_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set when the agent's `max_attempts` ran out; a person's retry clears it. */
  dead_lettered_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** Attempts used before the last retry by a person: the budget counts from here. */
  attempt_base: ColumnType<number, number | undefined, number>;
  /** A failed delivery is not claimed again before this instant. */
  retry_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DeliveryAttemptsTable {
  message_id: string;
  agent_id: string;
  attempt_number: number;
  status: 'processing' | 'success' | 'failed';
  started_at: Timestamp;
  completed_at: Timestamp | null;
  error: string | null;
}
