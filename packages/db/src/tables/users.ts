import type { ColumnType } from 'kysely';
import type { Timestamp } from './columns.js';

export interface UsersTable {
  id: string;
  organization_id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  role: ColumnType<'user' | 'admin', 'user' | 'admin' | undefined, 'user' | 'admin'>;
  listed_in_directory: ColumnType<boolean, boolean | undefined, boolean>;
  /** scrypt hash (see core's passwords); null until a password is set. */
  password_hash: ColumnType<string | null, string | null | undefined, string | null>;
  inserted_at: Timestamp;
  updated_at: Timestamp;
}
