import { registerAgent } from '@parley/core/agents/registerAgent';
import type { UserIdentity } from '@parley/core/auth/identity';
import { createChat } from '@parley/core/chats/createChat';
import type { CoreDeps } from '@parley/core/deps';
import { addParticipant } from '@parley/core/participants/addParticipant';
import { createUser } from '@parley/core/users/createUser';
import { sql } from 'kysely';

export interface BenchAgent {
  id: string;
  handle: string;
  key: string;
}

export interface BenchWorld {
  userKey: string;
  /** Rooms of the send benchmark, each with the user and `sendAgent`. */
  sendRooms: string[];
  sendAgent: BenchAgent;
  /** One room per drain run, with the user and the ten drain agents. */
  drains: { roomId: string; agents: BenchAgent[] }[];
  /** A room whose history (already processed) makes the tables realistically large. */
  filler: { roomId: string; agents: BenchAgent[] };
}

/** The benchmark's user (`bench-user` in org `bench`), its key, and the identity core calls take. */
export async function seedBenchUser(deps: CoreDeps) {
  const { user, organization, apiKey } = await createUser(deps, {
    org: 'bench',
    handle: 'bench-user',
    email: 'bench@example.test',
    firstName: 'Bench',
  });
  const identity: UserIdentity = {
    kind: 'user',
    userId: user.id,
    organizationId: organization.id,
    handle: user.handle,
    keyId: 'bench',
  };
  return { user, apiKey, identity };
}

/** The user, agents and rooms of the run, made through the domain functions the server uses. */
export async function seedWorld(
  deps: CoreDeps,
  options: { sendRooms: number; drainRuns: number; drainAgents: number },
) {
  const { user, apiKey, identity } = await seedBenchUser(deps);
  const agent = async (name: string): Promise<BenchAgent> => {
    const registered = await registerAgent(deps, identity, { name, description: 'benchmark agent' });
    return { id: registered.agent.id, handle: registered.agent.handle, key: registered.apiKey };
  };
  const room = async (title: string, members: BenchAgent[]) => {
    const created = await createChat(deps, identity, { title });
    for (const m of members) await addParticipant(deps, identity, { roomId: created.id, participantId: m.id });
    return created.id;
  };
  const sendAgent = await agent('Send Target');
  const sendRooms: string[] = [];
  for (let n = 0; n < options.sendRooms; n++) sendRooms.push(await room(`send ${n}`, [sendAgent]));
  const drains: BenchWorld['drains'] = [];
  for (let run = 0; run < options.drainRuns; run++) {
    const agents: BenchAgent[] = [];
    for (let n = 0; n < options.drainAgents; n++) agents.push(await agent(`Drainer ${run}-${n}`));
    drains.push({ roomId: await room(`drain ${run}`, agents), agents });
  }
  const fillerAgents = [await agent('History A'), await agent('History B')];
  const filler = { roomId: await room('history', fillerAgents), agents: fillerAgents };
  const world: BenchWorld = { userKey: apiKey, sendRooms, sendAgent, drains, filler };
  return { world, userId: user.id };
}

/**
 * Queues `count` text messages from the user in a room, each mentioning one of `agents` in turn,
 * with their delivery rows: the rows `sendMessage` writes, in one statement instead of `count`
 * requests (the drain is what is measured, not the seeding).
 */
export async function queueMentions(
  deps: CoreDeps,
  q: { roomId: string; userId: string; agents: BenchAgent[]; count: number; processed?: boolean },
) {
  const agentIds = q.agents.map((a) => a.id);
  await sql`
    WITH targets AS (
      SELECT a.id, p.handle, a.name, (row_number() OVER (ORDER BY array_position(${agentIds}::uuid[], a.id)) - 1)::int AS idx
        FROM agents a JOIN principals p ON p.id = a.id WHERE a.id = ANY(${agentIds}::uuid[])
    ),
    inserted AS (
      INSERT INTO messages (chat_room_id, sender_id, sender_type, message_type, content, metadata, inserted_at, updated_at)
      SELECT ${q.roomId}, ${q.userId}, 'User', 'text', '@' || t.handle || ' task ' || g,
             jsonb_build_object(
               'mentions', jsonb_build_array(jsonb_build_object('id', t.id, 'handle', t.handle, 'name', t.name, 'kind', 'mention')),
               'status', 'delivered'),
             clock_timestamp(), clock_timestamp()
        FROM generate_series(0, ${q.count - 1}) AS g
        JOIN targets t ON t.idx = g % ${agentIds.length}
       ORDER BY g
      RETURNING id, seq, metadata
    )
    INSERT INTO message_deliveries (message_id, agent_id, chat_room_id, message_seq, status, current_attempt, processed_at)
    SELECT id, (metadata->'mentions'->0->>'id')::uuid, ${q.roomId}, seq,
           ${q.processed ? 'processed' : 'delivered'}, ${q.processed ? 1 : 0},
           ${q.processed ? sql`clock_timestamp()` : sql`NULL`}
      FROM inserted`.execute(deps.db);
}
