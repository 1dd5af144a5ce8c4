import { type Kysely, sql } from 'kysely';

/**
 * The realtime outbox (issue 5). Every domain write that others must learn of appends rows here in
 * its own transaction; each server instance tails the table by `id` and pushes what it reads, so an
 * event exists exactly when its change committed. Rows are scoped one of two ways:
 * - personal (`recipient_id`): one principal's rooms and contacts topics;
 * - room (`chat_room_id`): the room's participants at push time, or the frozen `audience` when the
 *   room's membership is gone by then (a deleted room).
 * `pruned_through` remembers the highest id retention has deleted, so a resume from an older id is
 * refused instead of silently skipping what was pruned.
 */
const upStatements = [
  `CREATE TABLE event_outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type text NOT NULL,
    organization_id uuid NOT NULL,
    chat_room_id uuid,
    recipient_id uuid,
    audience uuid[],
    payload jsonb NOT NULL,
    inserted_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((chat_room_id IS NULL) <> (recipient_id IS NULL))
  )`,
  // Replay reads one principal's personal rows, and its rooms' rows, after an id.
  `CREATE INDEX event_outbox_recipient_idx ON event_outbox (recipient_id, id) WHERE recipient_id IS NOT NULL`,
  `CREATE INDEX event_outbox_room_idx ON event_outbox (chat_room_id, id) WHERE chat_room_id IS NOT NULL`,
  `CREATE INDEX event_outbox_audience_idx ON event_outbox USING gin (audience) WHERE audience IS NOT NULL`,
  // Retention deletes the oldest rows first.
  `CREATE INDEX event_outbox_inserted_idx ON event_outbox (inserted_at)`,
  `CREATE TABLE event_outbox_state (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    pruned_through bigint NOT NULL DEFAULT 0
  )`,
  `INSERT INTO event_outbox_state (singleton, pruned_through) VALUES (true, 0)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS event_outbox_state').execute(db);
  await sql.raw('DROP TABLE IF EXISTS event_outbox').execute(db);
}
