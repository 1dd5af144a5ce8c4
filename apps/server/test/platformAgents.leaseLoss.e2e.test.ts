import type { Database } from '@parley/db/database';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textAnswer } from './harness/fakeModelProvider.js';
import {
  type PlatformAgentInstances,
  platformAgentInRoom,
  startPlatformAgentInstances,
} from './harness/platformAgentInstances.js';
import { eventually } from './harness/realtimeFixtures.js';

const url = process.env.DATABASE_URL;

/** The advisory lock class of platform agents' leases (packages/platform-agents). */
const LEASE_NAMESPACE = 1886151028;

/**
 * Issue 15: the runner of a platform agent loses its lease connection while the model is still
 * answering (docs/platform-agents.md, "Several instances"). The message must get exactly one
 * reply, neither instance may crash, and the other instance takes the agent over. Needs a real
 * Postgres: the embedded database is one process and has no leases to lose.
 */
describe.skipIf(!url)('a platform agent whose lease connection dies mid-reply', () => {
  let two: PlatformAgentInstances;

  beforeAll(async () => {
    two = await startPlatformAgentInstances(textAnswer('Fallback answer.'), {
      // A lost lease gives the reply under way this long to finish (the second test outlasts it).
      PARLEY_PLATFORM_AGENTS_DRAIN_MS: '1500',
    });
  });

  afterAll(async () => {
    await two?.close();
  });

  const db = (): Database => two.a.server.deps.db;

  /** Ends the one backend that holds this agent's lease (other files' agents share the database). */
  async function terminateLeaseOf(agentId: string): Promise<number> {
    const result = await sql<{ terminated: boolean }>`
      SELECT pg_terminate_backend(l.pid) AS terminated
      FROM pg_locks l JOIN pg_stat_activity s ON s.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
        AND l.classid::bigint = ${LEASE_NAMESPACE}
        AND l.objid::bigint = (hashtext(${agentId})::bigint + 4294967296) % 4294967296
        AND s.application_name = 'parley-platform-agents' AND s.datname = current_database()`.execute(db());
    return result.rows.filter((r) => r.terminated).length;
  }

  async function world() {
    const { agentId, ask, replies } = await platformAgentInRoom(two, 'Steady');
    const delivery = async (messageId: string) => {
      const row = await db()
        .selectFrom('message_deliveries')
        .select(['status', 'current_attempt'])
        .where('message_id', '=', messageId)
        .where('agent_id', '=', agentId)
        .executeTakeFirstOrThrow();
      return row;
    };
    return { agentId, ask, replies, delivery };
  }

  /** Both instances still serve requests (nothing crashed). */
  async function bothAlive() {
    for (const i of two.instances()) {
      const health = await fetch(`${i.url}/healthz`);
      expect(health.status, `instance ${i.name}`).toBe(200);
    }
  }

  it('keeps the reply under way (one reply), and the other instance takes the agent over', async () => {
    const w = await world();
    const [runner] = two.runners(w.agentId);
    if (!runner) throw new Error('no runner');
    const before = two.fake.requests.length;
    two.fake.answer({ delayMs: 800, ...textAnswer('The slow answer.') });
    const question = await w.ask('a slow question');
    await eventually(() => two.fake.requests.length > before, 'the model is asked');

    expect(await terminateLeaseOf(w.agentId)).toBe(1);
    // The other instance takes the lease over while the first one's reply is still under way.
    await eventually(() => two.runners(w.agentId).some((r) => r.name !== runner.name), 'the other instance runs it');

    await eventually(async () => (await w.replies()).length === 1, 'the reply');
    await eventually(async () => (await w.delivery(question)).status === 'processed', 'processed');
    // Give a duplicate the time to show up, had there been one.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await w.replies()).toEqual(['The slow answer.']);
    expect(await w.delivery(question)).toEqual({ status: 'processed', current_attempt: 1 });
    expect(two.fake.requests.length - before).toBe(1);
    expect(two.runners(w.agentId).map((r) => r.name)).toEqual([
      two.instances().find((i) => i.name !== runner.name)?.name,
    ]);

    // The new runner answers the next message, once.
    await w.ask('and now?');
    await eventually(async () => (await w.replies()).length === 2, 'the second reply');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await w.replies()).toHaveLength(2);
    expect(two.fake.requests.length - before).toBe(2);
    await bothAlive();
  });

  it('hands back a reply that outlasts the drain: answered once, by the other instance', async () => {
    const w = await world();
    const [runner] = two.runners(w.agentId);
    if (!runner) throw new Error('no runner');
    const before = two.fake.requests.length;
    // Slower than the drain (1.5 s): the first runner gives the message up before the model answers.
    two.fake.answer({ delayMs: 4_000, ...textAnswer('Too late to count.') });
    const question = await w.ask('a very slow question');
    await eventually(() => two.fake.requests.length > before, 'the model is asked');

    expect(await terminateLeaseOf(w.agentId)).toBe(1);
    await eventually(async () => (await w.replies()).length === 1, 'the reply', 15_000);
    await eventually(async () => (await w.delivery(question)).status === 'processed', 'processed');
    // The first model call's answer arrives after the hand-back: it must not be posted.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await w.replies()).toEqual(['Fallback answer.']);
    const state = await w.delivery(question);
    expect(state).toEqual({ status: 'processed', current_attempt: 2 });
    expect(two.fake.requests.length - before).toBe(2);
    expect(two.runners(w.agentId)).toHaveLength(1);
    await bothAlive();
  });
});
