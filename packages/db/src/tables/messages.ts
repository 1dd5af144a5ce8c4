import type { ColumnType } from 'kysely';
import type { Json, Timestamp, UuidPk } from './columns.js';

export type MessageType =
  | 'text'
  | 'tool_call'
  | 'tool_result'
  | 'thought'
  | 'error'
  | 'task'
  | 'attention'
  | 'system'
  | 'action'
  | 'guidelines';

export interface MessagesTable {
  id: UuidPk;
  /** Total order of messages, for keyset pagination and queues. */
  seq: ColumnType<number, never, never>;
  chat_room_id: string;
  sender_id: string | null;
  sender_type: 'User' | 'Agent' | 'System';
  message_type: MessageType;
  content: string;
  metadata: Json;
  inserted_at: Timestamp;
  updated_at: Timestamp;
}
