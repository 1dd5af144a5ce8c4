import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the chat core's reads (rooms, participants, messages, queues, context); the tables
 * themselves are in the initial migration.
 */
const statements = [
  // Human message list filtered by `message_type`, newest first, without scanning the whole room.
  `CREATE INDEX messages_room_type_seq_idx ON messages (chat_room_id, message_type, seq)`,
  // An agent's deliveries in a room in message order, whatever their status: the context
  // (mentions half) and the `status=all` queue list.
  `CREATE INDEX message_deliveries_agent_room_seq_idx ON message_deliveries (agent_id, chat_room_id, message_seq)`,
  // Participants of a room in the order they joined (keyset pagination).
  `CREATE INDEX chat_participants_room_joined_idx ON chat_participants (chat_room_id, inserted_at, participant_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'chat_participants_room_joined_idx',
    'message_deliveries_agent_room_seq_idx',
    'messages_room_type_seq_idx',
  ]) {
    await sql.raw(`DROP INDEX IF EXISTS ${index}`).execute(db);
  }
}
