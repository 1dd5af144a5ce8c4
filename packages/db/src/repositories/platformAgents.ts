import { sql } from 'kysely';
import type { Executor } from '../database.js';

export const platformAgentColumns = [
  'platform_agents.agent_id',
  'platform_agents.organization_id',
  'platform_agents.instructions',
  'platform_agents.model',
  'platform_agents.temperature',
  'platform_agents.top_p',
  'platform_agents.max_tokens',
  'platform_agents.inserted_at',
  'platform_agents.updated_at',
] as const;

/** Generation settings a platform agent may set; null = the provider's default. */
export interface GenerationSettings {
  temperature: number | null;
  top_p: number | null;
  max_tokens: number | null;
}

export async function insertPlatformAgent(
  db: Executor,
  values: { agent_id: string; organization_id: string; instructions: string; model: string } & GenerationSettings,
) {
  await db.insertInto('platform_agents').values(values).execute();
}

export function findPlatformAgent(db: Executor, agentId: string) {
  return db
    .selectFrom('platform_agents')
    .select(platformAgentColumns)
    .where('platform_agents.agent_id', '=', agentId)
    .executeTakeFirst();
}

export type PlatformAgentRow = NonNullable<Awaited<ReturnType<typeof findPlatformAgent>>>;

/** Changes the given settings (and `updated_at`). */
export async function updatePlatformAgent(
  db: Executor,
  agentId: string,
  patch: Partial<{ instructions: string; model: string } & GenerationSettings>,
) {
  await db
    .updateTable('platform_agents')
    .set({ ...patch, updated_at: sql<string>`now()` })
    .where('agent_id', '=', agentId)
    .execute();
}

/** Changes an agent's name, description or model (and `updated_at`). */
export async function updateAgentProfile(
  db: Executor,
  agentId: string,
  patch: Partial<{ name: string; description: string | null; model_type: string | null }>,
) {
  await db
    .updateTable('agents')
    .set({ ...patch, updated_at: sql<string>`now()` })
    .where('id', '=', agentId)
    .execute();
}

/** Every platform agent, in every organization: what the runtime may run. */
export async function listPlatformAgentIds(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('agents')
    .innerJoin('platform_agents', 'platform_agents.agent_id', 'agents.id')
    .select('agents.id')
    .where('agents.is_external', '=', false)
    .orderBy('agents.id')
    .execute();
  return rows.map((r) => r.id);
}
