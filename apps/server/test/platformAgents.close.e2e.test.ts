import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeModelProvider, textAnswer } from './harness/fakeModelProvider.js';
import { platformAgentInRoomOn } from './harness/platformAgentInstances.js';
import { eventually } from './harness/realtimeFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

/**
 * Stopping a server while its platform agents are stuck (docs/platform-agents.md, "Several
 * instances"): the stop waits for the drain plus the close grace at most, never for what hangs.
 */
const DRAIN_MS = 500;
const GRACE_MS = 3_000;

let fake: FakeModelProvider | undefined;
let ts: TestServer | undefined;
/** Undoes what a test made hang, before the server's database is dropped. */
let unblock: (() => Promise<void>) | undefined;

afterEach(async () => {
  await unblock?.();
  unblock = undefined;
  await ts?.close();
  ts = undefined;
  await fake?.stop();
  fake = undefined;
});

/** A server whose platform agents answer through a fake provider, and one agent of a user's in a room. */
async function agentInRoom() {
  fake = await new FakeModelProvider().start();
  const server = await startTestServer({
    PARLEY_LLM_BASE_URL: fake.baseUrl,
    PARLEY_LLM_MODELS: 'fake-model',
    PARLEY_PLATFORM_AGENTS_SCAN_MS: '100',
    PARLEY_PLATFORM_AGENTS_DRAIN_MS: String(DRAIN_MS),
    PARLEY_PLATFORM_AGENTS_CLOSE_GRACE_MS: String(GRACE_MS),
  });
  ts = server;
  const { agentId, ask } = await platformAgentInRoomOn(
    server,
    'Stuck',
    (id) => server.server.platformAgents?.running().includes(id) ?? false,
  );
  return { server: server.server, agentId, ask };
}

/** How long stopping the server takes. */
async function timedStop(server: TestServer['server']): Promise<number> {
  const started = Date.now();
  await server.app.close();
  return Date.now() - started;
}

describe('stopping a server while a platform agent is stuck', () => {
  it('does not wait for a model call that hangs: the message is handed back at the drain', async () => {
    const w = await agentInRoom();
    const model = fake as FakeModelProvider;
    model.fallback = { hang: true };
    const question = await w.ask('are you there?');
    await eventually(() => model.requests.length > 0, 'the model is asked');

    expect(await timedStop(w.server)).toBeLessThan(DRAIN_MS + GRACE_MS);
    // Handed back (not left `processing` for a lease to run out): another instance serves it at once.
    const attempts = await w.server.deps.db
      .selectFrom('delivery_attempts')
      .select(['status', 'error'])
      .where('message_id', '=', question)
      .where('agent_id', '=', w.agentId)
      .execute();
    expect(attempts).toEqual([{ status: 'failed', error: expect.stringContaining('interrupted') }]);
  });

  // A hang that no abort ends: a statement waiting on a lock (here, the agents' scan). Postgres
  // only: the embedded database has a single connection, so nothing else could hold the lock.
  it.skipIf(!process.env.DATABASE_URL)(
    'gives up on a database call that hangs once the drain and the grace have passed',
    async () => {
      const w = await agentInRoom();
      (fake as FakeModelProvider).fallback = textAnswer('Never needed.');
      const schema = w.server.database.schema;
      const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await locker.connect();
      unblock = async () => {
        await locker.query('ROLLBACK').catch(() => {});
        await locker.end();
      };
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE "${schema}".platform_agents IN ACCESS EXCLUSIVE MODE`);
      // The next scan (every 100 ms) waits on the lock.
      await eventually(async () => {
        const waiting = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM pg_locks
          WHERE NOT granted AND relation = ${`"${schema}".platform_agents`}::regclass`.execute(w.server.deps.db);
        return (waiting.rows[0]?.n ?? 0) > 0;
      }, 'a scan waits on the lock');

      const elapsed = await timedStop(w.server);
      // It waited out the whole bound (the scan never ended), then stopped anyway.
      expect(elapsed).toBeGreaterThanOrEqual(DRAIN_MS + GRACE_MS - 50);
      expect(elapsed).toBeLessThan(DRAIN_MS + GRACE_MS + 2_000);
      expect(w.server.platformAgents?.running()).toEqual([]);
    },
  );
});
