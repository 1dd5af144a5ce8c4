import { type Kysely, sql } from 'kysely';

/**
 * Platform agents (issue 15): agents Parley runs itself on a model provider. One row per such
 * agent beside its `agents` row (`is_external` false), holding its instructions, model and
 * generation settings; deleting the agent deletes the row. The partial index serves the runtime's
 * look-up of every platform agent an instance should run.
 */
const upStatements = [
  `CREATE TABLE platform_agents (
    agent_id uuid PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    instructions text NOT NULL,
    model text NOT NULL,
    temperature double precision,
    top_p double precision,
    max_tokens integer,
    inserted_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX agents_platform_idx ON agents (id) WHERE NOT is_external`,
];

const downStatements = [`DROP INDEX IF EXISTS agents_platform_idx`, `DROP TABLE IF EXISTS platform_agents`];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of upStatements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of downStatements) await sql.raw(statement).execute(db);
}
