import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRestError } from './harness/expectError.js';
import { restClient } from './harness/http.js';
import { connectPhoenix, type PhoenixTestClient } from './harness/phoenixClient.js';
import { agentPrincipal, eventually, insertRoom, type Principal, userPrincipal } from './harness/realtimeFixtures.js';
import { subscribeEvents } from './harness/streamClient.js';
import { type SecondInstance, startSecondInstance, startTestServer, type TestServer } from './harness/testServer.js';
import { expectVendorShape } from './harness/vendorContract.js';

/** The working indicator and the board's events, on the socket and the native streams. */

const FAST = { PARLEY_ACTIVITY_TTL_MS: '1200', PARLEY_ACTIVITY_SWEEP_MS: '100' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let ts: TestServer;
let alice: Principal;
let helper: Principal;
const clients: PhoenixTestClient[] = [];

beforeAll(async () => {
  ts = await startTestServer(FAST);
  alice = await userPrincipal(ts.server.deps);
  helper = await agentPrincipal(ts.server.deps, alice, 'Helper');
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await ts?.close();
});

async function socket(baseUrl: string, who: Principal, topics: string[]) {
  const client = await connectPhoenix(baseUrl, { api_key: who.key });
  clients.push(client);
  for (const topic of topics) expect((await client.join(topic)).status, topic).toBe('ok');
  return client;
}

const report = (baseUrl: string, roomId: string, working: boolean, key = helper.key) =>
  restClient(baseUrl).post<{ data: { working: boolean } }>(`/agent/chats/${roomId}/activity`, {
    key,
    body: { working },
  });

describe('the working indicator', () => {
  it('turns on once, stays on with keep-alives, and turns off at once on false', async () => {
    const roomId = await insertRoom(ts.server.deps.db, alice.organizationId, [alice, helper]);
    const person = await socket(ts.url, alice, [`chat_room:${roomId}`]);
    const stream = subscribeEvents(ts.url, alice.key, 'human');
    await stream.started;

    const on = await report(ts.url, roomId, true);
    expectVendorShape('reportAgentChatActivity', on);
    expect(on.body).toEqual({ data: { working: true } });
    const started = await person.waitFor((r) => r.event === 'agent_working_started', 'started on the socket');
    expect(started.payload).toMatchObject({
      chat_room_id: roomId,
      working: true,
      agent: { id: helper.id, type: 'Agent', name: 'Helper', handle: helper.handle },
    });
    for (let i = 0; i < 4; i++) {
      await sleep(400);
      expect((await report(ts.url, roomId, true)).status).toBe(200);
    }
    // 1.6 s of keep-alives on a 1.2 s expiry: still one start and no stop.
    expect(person.received.filter((r) => r.event.startsWith('agent_working')).map((r) => r.event)).toEqual([
      'agent_working_started',
    ]);
    expect((await report(ts.url, roomId, false)).body).toEqual({ data: { working: false } });
    const stopped = await person.waitFor((r) => r.event === 'agent_working_stopped', 'stopped on the socket');
    expect(stopped.payload).toMatchObject({ working: false, reason: 'stopped', expires_at: null });
    // A second false changes nothing and announces nothing.
    expect((await report(ts.url, roomId, false)).status).toBe(200);
    await eventually(
      () => stream.events.filter((e) => e.type.startsWith('agent_working')).length === 2,
      'both on the stream',
    );
    await sleep(300);
    expect(stream.events.filter((e) => e.type.startsWith('agent_working')).map((e) => e.type)).toEqual([
      'agent_working_started',
      'agent_working_stopped',
    ]);
    stream.stop();
  });

  it('expires by itself after the last keep-alive, announced once', async () => {
    const roomId = await insertRoom(ts.server.deps.db, alice.organizationId, [alice, helper]);
    const person = await socket(ts.url, alice, [`chat_room:${roomId}`]);
    await report(ts.url, roomId, true);
    const stopped = await person.waitFor((r) => r.event === 'agent_working_stopped', 'the expiry', 10_000);
    expect(stopped.payload).toMatchObject({ reason: 'expired', working: false });
    await sleep(500);
    expect(person.received.filter((r) => r.event === 'agent_working_stopped')).toHaveLength(1);
    const rows = await ts.server.deps.db
      .selectFrom('agent_activity')
      .selectAll()
      .where('chat_room_id', '=', roomId)
      .execute();
    expect(rows).toEqual([]);
  });

  it('answers 404 for a room the agent is not in, 403 for a user key, 422 for a bad body', async () => {
    const stranger = await userPrincipal(ts.server.deps);
    const foreign = await insertRoom(ts.server.deps.db, stranger.organizationId, [stranger]);
    expectRestError(await report(ts.url, foreign, true), 404, 'not_found');
    const own = await insertRoom(ts.server.deps.db, alice.organizationId, [alice]);
    expectRestError(await report(ts.url, own, true), 404, 'not_found');
    expectRestError(await report(ts.url, own, true, alice.key), 403, 'forbidden');
    const mine = await insertRoom(ts.server.deps.db, alice.organizationId, [alice, helper]);
    for (const body of [{}, { working: 'maybe' }, { working: null }]) {
      const bad = await restClient(ts.url).post(`/agent/chats/${mine}/activity`, { key: helper.key, body });
      expectRestError(bad, 422, 'validation_error');
    }
  });
});

describe('board events', () => {
  it('reach people and agents on chat_room and both native streams, as the REST API shows them', async () => {
    const roomId = await insertRoom(ts.server.deps.db, alice.organizationId, [alice, helper]);
    const person = await socket(ts.url, alice, [`chat_room:${roomId}`]);
    const agent = await socket(ts.url, helper, [`chat_room:${roomId}`]);
    const agentStream = subscribeEvents(ts.url, helper.key, 'agent');
    await agentStream.started;
    const api = restClient(ts.url);
    const first = await api.post<{ data: { id: string } }>(`/me/chats/${roomId}/tasks`, {
      key: alice.key,
      body: { subject: 'Plan' },
    });
    const second = await api.post<{ data: { id: string } }>(`/agent/chats/${roomId}/tasks`, {
      key: helper.key,
      body: { subject: 'Better plan', supersedes_id: '1' },
    });
    const updated = await api.post<{ data: unknown }>(`/agent/chats/${roomId}/tasks/2`, {
      key: helper.key,
      body: { status: 'in_progress' },
    });
    const goal = await api.put<{ data: unknown }>(`/agent/chats/${roomId}/board`, {
      key: helper.key,
      body: { goal_title: 'Ship' },
    });
    for (const client of [person, agent]) {
      const created = await client.waitFor(
        (r) => r.event === 'task_created' && r.payload.id === first.body.data.id,
        'created',
      );
      expect(created.topic).toBe(`chat_room:${roomId}`);
      expect(created.payload).toEqual(first.body.data);
      const superseded = await client.waitFor((r) => r.event === 'task_superseded', 'superseded');
      expect(superseded.payload).toMatchObject({ id: first.body.data.id, superseded_by_id: second.body.data.id });
      const change = await client.waitFor((r) => r.event === 'task_updated', 'updated');
      expect(change.payload).toEqual(updated.body.data);
      const board = await client.waitFor((r) => r.event === 'board_updated', 'goal');
      expect(board.payload).toEqual(goal.body.data);
    }
    await agentStream.waitForCount(5, 'the agent stream');
    expect(agentStream.events.map((e) => e.type)).toEqual([
      'task_created',
      'task_created',
      'task_superseded',
      'task_updated',
      'board_updated',
    ]);
    agentStream.stop();
  });
});

const url = process.env.DATABASE_URL;

/** Two instances on one Postgres schema: reports on one, subscribers on the other, both sweeping. */
describe.skipIf(!url)('across two instances', () => {
  let b: SecondInstance;
  let bUrl: string;

  beforeAll(async () => {
    b = await startSecondInstance(ts, FAST);
    bUrl = b.url;
  });
  afterAll(async () => {
    await b?.close();
  });

  it('announces start on B for a report to A, and the expiry exactly once with both sweeping', async () => {
    const roomId = await insertRoom(ts.server.deps.db, alice.organizationId, [alice, helper]);
    const person = await socket(bUrl, alice, [`chat_room:${roomId}`]);
    const agent = await socket(bUrl, helper, [`chat_room:${roomId}`]);
    const stream = subscribeEvents(bUrl, alice.key, 'human');
    await stream.started;
    await report(ts.url, roomId, true);
    await person.waitFor((r) => r.event === 'agent_working_started', 'start on B');
    await report(bUrl, roomId, true);
    await person.waitFor((r) => r.event === 'agent_working_stopped', 'expiry on B', 10_000);
    await sleep(800);
    expect(person.received.filter((r) => r.event.startsWith('agent_working')).map((r) => r.event)).toEqual([
      'agent_working_started',
      'agent_working_stopped',
    ]);
    expect(stream.events.filter((e) => e.type === 'agent_working_stopped')).toHaveLength(1);
    // The indicator is for people; the agent's socket carries the board, not the indicator.
    await restClient(ts.url).post(`/agent/chats/${roomId}/tasks`, { key: helper.key, body: { subject: 'Across' } });
    await agent.waitFor((r) => r.event === 'task_created', 'task on B');
    expect(agent.received.some((r) => r.event.startsWith('agent_working'))).toBe(false);
    stream.stop();
  });
});
