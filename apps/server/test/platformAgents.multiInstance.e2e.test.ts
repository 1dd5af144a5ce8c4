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

/**
 * Two instances on one Postgres schema run each platform agent on exactly one of them (a
 * session advisory lock per agent), and the other takes over when the runner's lease goes.
 * Needs a real Postgres; the embedded database is one process.
 */
describe.skipIf(!url)('platform agents on two instances', () => {
  let two: PlatformAgentInstances;

  beforeAll(async () => {
    // Every answer is slow, so that both instances would have time to take the same message.
    two = await startPlatformAgentInstances({ delayMs: 200, ...textAnswer('Answered once.') });
  });

  afterAll(async () => {
    await two?.close();
  });

  it('answers every message exactly once, and fails over when the runner stops', async () => {
    const { agentId, ask, replies } = await platformAgentInRoom(two, 'Solo');
    // Both instances scanned many times meanwhile: still one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(two.runners(agentId)).toHaveLength(1);

    const before = two.fake.requests.length;
    for (let n = 0; n < 6; n++) await ask(`question ${n}`);
    await eventually(async () => (await replies()).length === 6, 'six replies');
    // Give a duplicate the time to show up, had there been one.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await replies()).toHaveLength(6);
    expect(two.fake.requests.length - before).toBe(6);

    // The runner's lease connection dies (as with a crashed instance): one instance takes over.
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'parley-platform-agents'
        AND pid <> pg_backend_pid()`.execute(two.a.server.database.db);
    await eventually(() => two.runners(agentId).length === 1, 'one instance runs the agent again');
    await ask('after the lost lease');
    await eventually(async () => (await replies()).length === 7, 'the seventh reply');

    // The runner's runtime shuts down (what closing the server does first): the other takes over.
    const [runner] = two.runners(agentId);
    if (!runner) throw new Error('no runner');
    await runner.server.platformAgents?.close();
    await eventually(() => two.runners(agentId).length === 1, 'the other instance runs the agent');
    await ask('after the failover');
    await eventually(async () => (await replies()).length === 8, 'the eighth reply');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await replies()).toHaveLength(8);
    expect(two.fake.requests.length - before).toBe(8);
  });
});
