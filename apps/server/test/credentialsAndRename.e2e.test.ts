import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRestError } from './harness/expectError.js';
import { restClient } from './harness/http.js';
import { connectPhoenix, type PhoenixTestClient } from './harness/phoenixClient.js';
import { agentPrincipal, insertRoom, type Principal, userPrincipal } from './harness/realtimeFixtures.js';
import { subscribeEvents } from './harness/streamClient.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { trpcClient } from './harness/trpcClient.js';

let ts: TestServer;
const api = restClient(() => ts.url);
let alice: Principal;
let helper: Principal;
const clients: PhoenixTestClient[] = [];

beforeAll(async () => {
  ts = await startTestServer();
  alice = await userPrincipal(ts.server.deps);
  helper = await agentPrincipal(ts.server.deps, alice, 'Helper');
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await ts?.close();
});

describe('GET /test', () => {
  it('answers the identity kind of a valid key, over REST and tRPC', async () => {
    const user = await api.get('/test', { key: alice.key });
    expect(user.status, user.text).toBe(200);
    expect(user.body).toEqual({ data: { status: 'ok', identity: 'user', id: alice.id, handle: alice.handle } });
    const agent = await api.get('/test', { headers: { authorization: `Bearer ${helper.key}` } });
    expect(agent.body).toMatchObject({ data: { identity: 'agent', id: helper.id } });
    expect((await trpcClient(ts.url, helper.key).test.query()).data.identity).toBe('agent');
  });

  it('answers 401 without a key or with a wrong one', async () => {
    expectRestError(await api.get('/test'), 401, 'unauthorized');
    expectRestError(await api.get('/test', { key: `${alice.key.slice(0, -4)}xxxx` }), 401, 'unauthorized');
  });
});

describe('renaming a room', () => {
  it('tells every participant with room_updated on room_participants and the streams', async () => {
    const roomId = await insertRoom(ts.server.deps.db, alice.organizationId, [helper, alice]);
    const person = await connectPhoenix(ts.url, { api_key: alice.key });
    clients.push(person);
    expect((await person.join(`room_participants:${roomId}`)).status).toBe('ok');
    const stream = subscribeEvents(ts.url, helper.key, 'agent');
    await stream.started;
    const renamed = await api.patch<{ data: unknown }>(`/agent/chats/${roomId}`, {
      key: helper.key,
      body: { chat: { title: 'New name' } },
    });
    expect(renamed.status, renamed.text).toBe(200);
    const pushed = await person.waitFor((r) => r.event === 'room_updated', 'room_updated');
    expect(pushed.payload).toEqual(renamed.body.data);
    await stream.waitForCount(1, 'room_updated on the agent stream');
    expect(stream.events[0]).toMatchObject({ type: 'room_updated', chat_room_id: roomId, payload: renamed.body.data });
    stream.stop();
    // A refused rename publishes nothing.
    expectRestError(
      await api.patch(`/agent/chats/${roomId}`, { key: helper.key, body: { chat: { title: '  ' } } }),
      422,
      'validation_error',
    );
  });
});
