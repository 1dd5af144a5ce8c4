import { type Kysely, sql } from 'kysely';

/**
 * Memories (issue 4). Every list is read newest first, keyed on (inserted_at, id), so each index
 * ends with those two columns and a page is an ordered index range, not a sort of every match:
 * - organization-scoped memories of an organization (agent default list, user `organization`);
 * - memories about one subject (agent `subject_id`, user `about_me`); partial, null subjects are
 *   organization memories and never looked up this way;
 * - memories stored in one room (user `room`).
 * They replace the initial migration's three indexes, which lacked `scope` or the keyset columns.
 * A check makes the system ↔ type rule hold in the database too, whoever writes the row.
 */
const upStatements = [
  `DROP INDEX IF EXISTS memories_organization_idx`,
  `DROP INDEX IF EXISTS memories_subject_idx`,
  `DROP INDEX IF EXISTS memories_room_idx`,
  `CREATE INDEX memories_org_scope_idx ON memories (organization_id, scope, status, inserted_at, id)`,
  `CREATE INDEX memories_subject_status_idx ON memories (subject_id, status, inserted_at, id)
    WHERE subject_id IS NOT NULL`,
  `CREATE INDEX memories_room_status_idx ON memories (chat_room_id, status, inserted_at, id)
    WHERE chat_room_id IS NOT NULL`,
  `ALTER TABLE memories ADD CONSTRAINT memories_type_fits_system CHECK (
    (system = 'sensory' AND type IN ('iconic', 'echoic', 'haptic'))
    OR (system IN ('working', 'long_term') AND type IN ('episodic', 'semantic', 'procedural'))
  )`,
];

const downStatements = [
  `ALTER TABLE memories DROP CONSTRAINT IF EXISTS memories_type_fits_system`,
  `DROP INDEX IF EXISTS memories_room_status_idx`,
  `DROP INDEX IF EXISTS memories_subject_status_idx`,
  `DROP INDEX IF EXISTS memories_org_scope_idx`,
  `CREATE INDEX memories_organization_idx ON memories (organization_id, status, inserted_at)`,
  `CREATE INDEX memories_subject_idx ON memories (subject_id, status, inserted_at)`,
  `CREATE INDEX memories_room_idx ON memories (chat_room_id) WHERE chat_room_id IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of downStatements) await sql.raw(statement).execute(db);
}
