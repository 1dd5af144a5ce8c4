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
  inserted_at: Timestamp;
  updated_at: Timestamp;
}
