import type { Json, Timestamp, UuidPk } from './columns.js';

export interface ChatRoomsTable {
  id: UuidPk;
  organization_id: string;
  title: string | null;
  task_id: string | null;
  type: 'direct' | 'group' | 'task';
  status: 'active' | 'archived' | 'closed';
  metadata: Json;
  created_by: string | null;
  last_message_at: Timestamp | null;
  inserted_at: Timestamp;
  updated_at: Timestamp;
}
