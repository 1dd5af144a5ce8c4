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
