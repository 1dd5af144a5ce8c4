import type { ColumnType } from 'kysely';
import type { CreatedAt, Timestamp, UuidPk } from './columns.js';

/** An API key. Only a hash of the secret is stored; `prefix` finds the row. */
export interface ApiKeysTable {
  id: UuidPk;
  organization_id: string;
  principal_id: string;
  kind: 'user' | 'agent';
  prefix: string;
  /** hex SHA-256 of the whole key */
  secret_hash: string;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** A person's note on what a user key is for (settings → API keys). */
  label: ColumnType<string | null, string | null | undefined, string | null>;
  inserted_at: CreatedAt;
}
