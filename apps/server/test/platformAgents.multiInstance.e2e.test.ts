import { type DatabaseHandle, openDatabase } from '@parley/db/openDatabase';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type ParleyServer } from '../src/buildServer.js';
import { loadConfig } from '../src/config.js';
import { FakeModelProvider, textAnswer } from './harness/fakeModelProvider.js';
import { makeUser } from './harness/fixtures.js';
import { restClient } from './harness/http.js';
import { eventually } from './harness/realtimeFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

const url = process.env.DATABASE_URL;

/**
 * Two instances on one Postgres schema run each platform agent on exactly one of them (a
 * session advisory lock per agent), and the other takes over when the runner's lease goes.
 * Needs a real Postgres; the embedded database is one process.
 */
describe.skipIf(!url)('platform agents on two instances', () => {
  let fake: FakeModelProvider;
  let a: TestServer;
  let b: ParleyServer;
  let bDatabase: DatabaseHandle;

  beforeAll(async () => {
    fake = await new FakeModelProvider().start();
    // Every answer is slow, so that both instances would have time to take the same message.
    fake.fallback = { delayMs: 200, ...textAnswer('Answered once.') };
    const env = {
      PARLEY_LLM_BASE_URL: fake.baseUrl,
      PARLEY_LLM_MODELS: 'fake-model',
      PARLEY_LLM_RETRY_DELAY_MS: '100',
      PARLEY_PLATFORM_AGENTS_SCAN_MS: '100',
    };
    a = await startTestServer(env);
    bDatabase = await openDatabase({
      kind: 'postgres',
      url: url as string,
      schema: a.server.database.schema,
      poolSize: 4,
    });
    b = await buildServer({
      config: loadConfig({ PORT: '0', HOST: '127.0.0.1', PARLEY_SEED_DEMO: 'false', ...env }),
      database: bDatabase,
      logger: false,
    });
    await b.start();
  });

  afterAll(async () => {
    await b?.app.close();
    await bDatabase?.close();
    await a?.close();
    await fake?.stop();
  });

  const runners = (agentId: string) =>
    [a.server, b].filter((s) => s.platformAgents?.running().includes(agentId) ?? false);

  it('answers every message exactly once, and fails over when the runner stops', async () => {
    const api = restClient(a.url);
    const { apiKey } = await makeUser(a.server.deps);
    const agent = await api.post<{ data: { id: string } }>('/me/agents', {
      key: apiKey,
      body: { agent: { name: 'Solo', instructions: 'x' } },
    });
    const agentId = agent.body.data.id;
    const room = (await api.post<{ data: { id: string } }>('/me/chats', { key: apiKey, body: { chat: {} } })).body.data
      .id;
    await api.post(`/me/chats/${room}/participants`, {
      key: apiKey,
      body: { participant: { participant_id: agentId } },
    });
    await eventually(() => runners(agentId).length === 1, 'one instance runs the agent');
    // Both instances scanned many times meanwhile: still one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runners(agentId)).toHaveLength(1);

    const ask = async (content: string) => {
      const sent = await api.post<{ data: { id: string } }>(`/me/chats/${room}/messages`, {
        key: apiKey,
        body: { message: { content, mentions: [{ id: agentId }] } },
      });
      expect(sent.status, sent.text).toBe(201);
      return sent.body.data.id;
    };
    const replies = async () => {
      const listed = await api.get<{ data: Array<{ sender_id: string; message_type: string }> }>(
        `/me/chats/${room}/messages?page_size=100&message_type=text`,
        { key: apiKey },
      );
      return listed.body.data.filter((m) => m.sender_id === agentId).length;
    };

    const before = fake.requests.length;
    for (let n = 0; n < 6; n++) await ask(`question ${n}`);
    await eventually(async () => (await replies()) === 6, 'six replies');
    // Give a duplicate the time to show up, had there been one.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await replies()).toBe(6);
    expect(fake.requests.length - before).toBe(6);

    // The runner's lease connection dies (as with a crashed instance): one instance takes over.
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'parley-platform-agents'
        AND pid <> pg_backend_pid()`.execute(a.server.database.db);
    await eventually(() => runners(agentId).length === 1, 'one instance runs the agent again');
    await ask('after the lost lease');
    await eventually(async () => (await replies()) === 7, 'the seventh reply');

    // The runner's runtime shuts down (what closing the server does first): the other takes over.
    const [runner] = runners(agentId);
    if (!runner) throw new Error('no runner');
    await runner.platformAgents?.close();
    await eventually(() => runners(agentId).length === 1, 'the other instance runs the agent');
    await ask('after the failover');
    await eventually(async () => (await replies()) === 8, 'the eighth reply');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await replies()).toBe(8);
    expect(fake.requests.length - before).toBe(8);
  });
});
