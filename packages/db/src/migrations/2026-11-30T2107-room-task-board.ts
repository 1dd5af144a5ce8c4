import { type Kysely, sql } from 'kysely';

/**
 * The room's task board and goal (issue 13).
 * - `chat_boards`: one row per room that has a goal or a task. `task_counter` is the last board
 *   number handed out: a create increments it with an upsert inside its own transaction, so
 *   concurrent creates queue on that one row and numbers are gap-free (a rolled-back create rolls
 *   the counter back too) and never reused (tasks are never deleted).
 * - `chat_tasks`: the tasks, `(chat_room_id, number)` unique. Actors are snapshots taken at write
 *   time (`{id, type, name, handle}`), as the vendor shows them.
 * - `chat_task_assignments`: each participant's own status and live sentence on a task.
 * - `chat_task_events`, `chat_board_events`: append-only histories, ordered by their identity.
 * - `agent_activity`: the working indicator, one row per agent working in a room while it is on,
 *   with its expiry in database time (so every instance agrees on it; see docs/working-indicator.md).
 */
const upStatements = [
  `CREATE TABLE chat_boards (
    chat_room_id uuid PRIMARY KEY REFERENCES chat_rooms (id) ON DELETE CASCADE,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    task_counter integer NOT NULL DEFAULT 0,
    goal_title text,
    goal_summary text,
    goal_created_by jsonb,
    goal_updated_by jsonb,
    goal_inserted_at timestamptz,
    goal_updated_at timestamptz
  )`,
  `CREATE TABLE chat_tasks (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    chat_room_id uuid NOT NULL REFERENCES chat_rooms (id) ON DELETE CASCADE,
    number integer NOT NULL,
    subject text NOT NULL,
    detail text NOT NULL DEFAULT '',
    state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'cancelled', 'superseded', 'archived')),
    superseded_by_id uuid REFERENCES chat_tasks (id),
    created_by jsonb NOT NULL,
    inserted_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (chat_room_id, number)
  )`,
  `CREATE INDEX chat_tasks_room_state_idx ON chat_tasks (chat_room_id, state, number)`,
  `CREATE TABLE chat_task_assignments (
    task_id uuid NOT NULL REFERENCES chat_tasks (id) ON DELETE CASCADE,
    participant_id uuid NOT NULL,
    assignee jsonb NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'in_progress', 'blocked', 'in_review', 'failed', 'completed')),
    active_form text NOT NULL DEFAULT '',
    linked_native_id text NOT NULL DEFAULT '',
    joined_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (task_id, participant_id)
  )`,
  `CREATE TABLE chat_task_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id uuid NOT NULL REFERENCES chat_tasks (id) ON DELETE CASCADE,
    actor jsonb NOT NULL,
    event text NOT NULL,
    payload jsonb NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX chat_task_events_task_idx ON chat_task_events (task_id, id)`,
  `CREATE TABLE chat_board_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chat_room_id uuid NOT NULL REFERENCES chat_rooms (id) ON DELETE CASCADE,
    actor jsonb NOT NULL,
    event text NOT NULL,
    payload jsonb NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX chat_board_events_room_idx ON chat_board_events (chat_room_id, id)`,
  `CREATE TABLE agent_activity (
    chat_room_id uuid NOT NULL REFERENCES chat_rooms (id) ON DELETE CASCADE,
    agent_id uuid NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    agent jsonb NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (chat_room_id, agent_id)
  )`,
  `CREATE INDEX agent_activity_expires_idx ON agent_activity (expires_at)`,
];

const downStatements = [
  `DROP TABLE IF EXISTS agent_activity`,
  `DROP TABLE IF EXISTS chat_board_events`,
  `DROP TABLE IF EXISTS chat_task_events`,
  `DROP TABLE IF EXISTS chat_task_assignments`,
  `DROP TABLE IF EXISTS chat_tasks`,
  `DROP TABLE IF EXISTS chat_boards`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of downStatements) await sql.raw(statement).execute(db);
}
