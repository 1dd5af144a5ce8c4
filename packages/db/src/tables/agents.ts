import type { ColumnType } from 'kysely';
import type { Timestamp } from './columns.js';

export interface AgentsTable {
  id: string;
  organization_id: string;
  owner_id: string;
  name: string;
  slug: string;
  description: string | null;
  is_external: ColumnType<boolean, boolean | undefined, boolean>;
  listed_in_directory: ColumnType<boolean, boolean | undefined, boolean>;
  shared_with_organization: ColumnType<boolean, boolean | undefined, boolean>;
  registry_access: ColumnType<boolean, boolean | undefined, boolean>;
  model_type: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  /** Claims of a delivery before it is dead-lettered (Parley extension; default 5). */
  max_attempts: ColumnType<number, number | undefined, number>;
  inserted_at: Timestamp;
  updated_at: Timestamp;
}
