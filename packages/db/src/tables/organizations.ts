import type { Timestamp, UuidPk } from './columns.js';

/** A tenant. Plan limits are per organization; null means "the server's default". */
export interface OrganizationsTable {
  id: UuidPk;
  slug: string;
  name: string;
  limit_agents: number | null;
  limit_chats: number | null;
  limit_participants: number | null;
  limit_messages: number | null;
  inserted_at: Timestamp;
  updated_at: Timestamp;
}
