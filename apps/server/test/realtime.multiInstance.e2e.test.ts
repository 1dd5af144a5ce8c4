import { type DatabaseHandle, openDatabase } from '@parley/db/openDatabase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type ParleyServer } from '../src/buildServer.js';
import { loadConfig } from '../src/config.js';
import { restClient } from './harness/http.js';
import { connectPhoenix, type PhoenixTestClient, tryUpgrade } from './harness/phoenixClient.js';
import { agentPrincipal, eventually, type Principal, userPrincipal } from './harness/realtimeFixtures.js';
import { subscribeEvents } from './harness/streamClient.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

const url = process.env.DATABASE_URL;

/**
 * Two server instances over one Postgres schema, each with its own pool and its own LISTEN
 * connection, as two processes behind a load balancer would be: the fan-out between them goes
 * through Postgres only. Needs a real Postgres (DATABASE_URL); the embedded database is one process.
 */
describe.skipIf(!url)('two instances on one Postgres', () => {
  let a: TestServer;
  let b: ParleyServer;
  let bUrl: string;
  let bDatabase: DatabaseHandle;
  let alice: Principal;
  let helper: Principal;
  const clients: PhoenixTestClient[] = [];

  beforeAll(async () => {
    a = await startTestServer();
    bDatabase = await openDatabase({
      kind: 'postgres',
      url: url as string,
      schema: a.server.database.schema,
      poolSize: 4,
    });
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PARLEY_SEED_DEMO: 'false' });
    b = await buildServer({ config, database: bDatabase, logger: false });
    bUrl = await b.start();
    alice = await userPrincipal(a.server.deps);
    helper = await agentPrincipal(a.server.deps, alice, 'Helper');
  });

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await b?.app.close();
    await bDatabase?.close();
    await a?.close();
  });

  it('delivers a message sent through A to a socket and a native stream on B', async () => {
    const api = restClient(a.url);
    const room = (await api.post<{ data: { id: string } }>('/me/chats', { key: alice.key, body: { chat: {} } })).body
      .data;
    expect(
      (
        await api.post(`/me/chats/${room.id}/participants`, {
          key: alice.key,
          body: { participant: { participant_id: helper.id } },
        })
      ).status,
    ).toBe(201);
    const agent = await connectPhoenix(bUrl, { api_key: helper.key });
    clients.push(agent);
    expect((await agent.join(`chat_room:${room.id}`)).status).toBe('ok');
    const stream = subscribeEvents(bUrl, alice.key, 'human');
    await stream.started;
    await eventually(() => b.realtime.hub.subscriberCount === 2, 'both subscribers on B');

    const sent = await api.post<{ data: { id: string } }>(`/me/chats/${room.id}/messages`, {
      key: alice.key,
      body: { message: { content: 'across instances', mentions: [{ id: helper.id }] } },
    });
    expect(sent.status).toBe(201);
    const pushed = await agent.waitFor((r) => r.event === 'message_created', 'the message on B’s socket');
    expect(pushed.payload).toMatchObject({ id: sent.body.data.id, chat_room_id: room.id });
    await stream.waitForCount(1, 'the message on B’s stream');
    expect(stream.events[0]).toMatchObject({ type: 'message_created', chat_room_id: room.id });
    expect(stream.events[0]?.payload).toMatchObject({ id: sent.body.data.id });
    stream.stop();
  });

  it('keeps one connection per agent across instances: a connection on B replaces one on A', async () => {
    const first = await connectPhoenix(a.url, { api_key: helper.key });
    clients.push(first);
    expect((await first.join(`agent_control:${helper.id}`)).status).toBe('ok');
    const second = await connectPhoenix(bUrl, { api_key: helper.key });
    clients.push(second);
    await first.waitFor((r) => r.event === 'supersede', 'the supersede notice on A');
    await eventually(() => first.closes.length > 0, 'A closing the old socket');
    expect(first.closes[0]?.code).toBe(4001);
    expect(second.socket.isConnected()).toBe(true);
  });

  it('refuses on_conflict=reject on B while the agent has a live socket on A', async () => {
    const solo = await agentPrincipal(a.server.deps, alice, 'Solo');
    const first = await connectPhoenix(a.url, { api_key: solo.key });
    clients.push(first);
    expect((await first.join(`agent_control:${solo.id}`)).status).toBe('ok');
    const refused = await tryUpgrade(bUrl, `vsn=2.0.0&api_key=${solo.key}&on_conflict=reject`);
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.body ?? '{}').error.code).toBe('connection_conflict');
    expect(first.socket.isConnected()).toBe(true);
    first.disconnect();
    await eventually(async () => {
      const retry = await tryUpgrade(bUrl, `vsn=2.0.0&api_key=${solo.key}&on_conflict=reject`);
      retry.ws?.close();
      return retry.opened;
    }, 'reject on B to connect once the socket on A closed');
  });
});
