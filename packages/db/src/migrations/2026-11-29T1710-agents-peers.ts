import { type Kysely, sql } from 'kysely';

/**
 * Indexes for deleting an agent and for its history check. Deleting a principal makes Postgres
 * visit every row that references it (`messages.sender_id` SET NULL, `memories.source_agent_id`
 * CASCADE, `chat_rooms.created_by` SET NULL); without an index on each of those columns every
 * agent deletion would scan the whole table. The same indexes answer "has this agent sent
 * anything / written any memory" without a scan. Partial: the null rows are never looked up.
 *
 * The peer lists read an organization's shared agents next to its directory-listed ones (which
 * have their index since the initial migration).
 */
const statements = [
  `CREATE INDEX messages_sender_idx ON messages (sender_id) WHERE sender_id IS NOT NULL`,
  `CREATE INDEX memories_source_agent_idx ON memories (source_agent_id) WHERE source_agent_id IS NOT NULL`,
  `CREATE INDEX chat_rooms_created_by_idx ON chat_rooms (created_by) WHERE created_by IS NOT NULL`,
  `CREATE INDEX agents_shared_idx ON agents (organization_id) WHERE shared_with_organization`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'agents_shared_idx',
    'chat_rooms_created_by_idx',
    'memories_source_agent_idx',
    'messages_sender_idx',
  ]) {
    await sql.raw(`DROP INDEX IF EXISTS ${index}`).execute(db);
  }
}
