import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPhoenix, type PhoenixTestClient, tryUpgrade } from './harness/phoenixClient.js';
import { agentPrincipal, eventually, insertRoom, type Principal, userPrincipal } from './harness/realtimeFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

let server: TestServer;
let alice: Principal; // user, owner of the room
let bob: Principal; // user in the same org, not in the room
let helper: Principal; // alice's agent, in the room
let other: Principal; // alice's agent, in the room
let roomId: string;
const clients: PhoenixTestClient[] = [];

async function connect(params: Record<string, string>) {
  const client = await connectPhoenix(server.url, params, { heartbeatIntervalMs: 250 });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  server = await startTestServer({ PARLEY_SOCKET_IDLE_TIMEOUT_MS: '1500', PARLEY_SOCKET_RECHECK_MS: '200' });
  const deps = server.server.deps;
  alice = await userPrincipal(deps);
  bob = await userPrincipal(deps);
  helper = await agentPrincipal(deps, alice, 'Helper');
  other = await agentPrincipal(deps, alice, 'Other');
  roomId = await insertRoom(deps.db, alice.organizationId, [alice, helper, other]);
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await server?.close();
});

describe('connecting', () => {
  it('refuses a connection without vsn=2.0.0, with a bad key, or as a foreign agent', async () => {
    const noVsn = await tryUpgrade(server.url, `api_key=${alice.key}`);
    expect(noVsn.status).toBe(400);
    expect(JSON.parse(noVsn.body ?? '{}').error.code).toBe('bad_request');
    expect((await tryUpgrade(server.url, `vsn=1.0.0&api_key=${alice.key}`)).status).toBe(400);
    expect((await tryUpgrade(server.url, 'vsn=2.0.0')).status).toBe(401);
    expect((await tryUpgrade(server.url, 'vsn=2.0.0&api_key=thnv_u_1_nope')).status).toBe(401);
    const stranger = await agentPrincipal(server.server.deps, bob, 'Stranger');
    expect((await tryUpgrade(server.url, `vsn=2.0.0&api_key=${alice.key}&agent_id=${stranger.id}`)).status).toBe(403);
    expect((await tryUpgrade(server.url, `vsn=2.0.0&api_key=${helper.key}&agent_id=${other.id}`)).status).toBe(403);
  });

  it('on_conflict=reject connects when the agent has no live socket, and answers 409 when it has', async () => {
    const lone = await agentPrincipal(server.server.deps, alice, 'Lone');
    const first = await connect({ api_key: lone.key, on_conflict: 'reject' });
    // A join waits for the session claim, so the socket is surely registered after it.
    expect((await first.join(`agent_control:${lone.id}`)).status).toBe('ok');
    for (const query of [`api_key=${lone.key}`, `api_key=${alice.key}&agent_id=${lone.id}`]) {
      const refused = await tryUpgrade(server.url, `vsn=2.0.0&${query}&on_conflict=reject`);
      expect(refused.status).toBe(409);
      expect(JSON.parse(refused.body ?? '{}').error.code).toBe('connection_conflict');
    }
    expect(first.socket.isConnected()).toBe(true);
    expect(first.received.filter((r) => r.event === 'supersede')).toEqual([]);
    // Users have no session to conflict with; an unknown mode stays a 400.
    const user = await tryUpgrade(server.url, `vsn=2.0.0&api_key=${bob.key}&on_conflict=reject`);
    expect(user.opened).toBe(true);
    user.ws?.close();
    const bad = await tryUpgrade(server.url, `vsn=2.0.0&api_key=${lone.key}&on_conflict=queue`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body ?? '{}').error.code).toBe('invalid_on_conflict');
    // Once the live socket is gone, reject connects again; the default still supersedes.
    first.disconnect();
    await eventually(async () => {
      const retry = await tryUpgrade(server.url, `vsn=2.0.0&api_key=${lone.key}&on_conflict=reject`);
      retry.ws?.close();
      return retry.opened;
    }, 'reject to connect once the first socket closed');
  });

  it('takes the key from the x-api-key header too, and serves plain GETs an error, not the REST catch-all', async () => {
    const viaHeader = await tryUpgrade(server.url, 'vsn=2.0.0', { 'x-api-key': bob.key });
    expect(viaHeader.opened).toBe(true);
    viaHeader.ws?.close();
    const plain = await fetch(`${server.url}/api/v1/socket/websocket?vsn=2.0.0`, { headers: { 'x-api-key': bob.key } });
    expect(plain.status).toBe(426);
  });

  it('answers heartbeats with an ok reply', async () => {
    const { ws } = await tryUpgrade(server.url, `vsn=2.0.0&api_key=${bob.key}`);
    if (!ws) throw new Error('no socket');
    const frames: unknown[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
    ws.send(JSON.stringify([null, '7', 'phoenix', 'heartbeat', {}]));
    await eventually(() => frames.length > 0, 'heartbeat reply');
    expect(frames[0]).toEqual([null, '7', 'phoenix', 'phx_reply', { status: 'ok', response: {} }]);
    ws.close();
  });

  it('closes a socket that stays silent past the idle timeout', async () => {
    const { ws } = await tryUpgrade(server.url, `vsn=2.0.0&api_key=${bob.key}`);
    if (!ws) throw new Error('no socket');
    const started = Date.now();
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    expect(code).toBe(4002);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  });

  it('keeps a heartbeating client connected past the idle timeout', async () => {
    const client = await connect({ api_key: bob.key });
    await new Promise((r) => setTimeout(r, 2000));
    expect(client.closes).toEqual([]);
    expect(client.socket.isConnected()).toBe(true);
  });

  it('closes a socket whose key is revoked while it is open', async () => {
    const doomed = await agentPrincipal(server.server.deps, alice, 'Doomed');
    const client = await connect({ api_key: doomed.key });
    const viaOwner = await connect({ api_key: bob.key });
    await server.server.deps.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date().toISOString() })
      .where('principal_id', '=', doomed.id)
      .execute();
    await eventually(() => client.closes.length > 0, 'the revoked socket to close');
    expect(client.closes[0]?.code).toBe(4003);
    expect(viaOwner.socket.isConnected()).toBe(true);
  });
});

describe('topics', () => {
  it('lets each identity join its own topics and refuses the others as unauthorized', async () => {
    const user = await connect({ api_key: alice.key });
    const agent = await connect({ api_key: helper.key });
    const outsider = await connect({ api_key: bob.key });
    const ok = [
      [user, `chat_room:${roomId}`],
      [user, `room_participants:${roomId}`],
      [user, `user_rooms:${alice.id}`],
      [user, `user_contacts:${alice.id}`],
      [agent, `chat_room:${roomId}`],
      [agent, `room_participants:${roomId}`],
      [agent, `agent_rooms:${helper.id}`],
      [agent, `agent_contacts:${helper.id}`],
      [agent, `agent_control:${helper.id}`],
    ] as const;
    for (const [client, topic] of ok) expect((await client.join(topic)).status, topic).toBe('ok');
    const refused = [
      [outsider, `chat_room:${roomId}`],
      [outsider, `room_participants:${roomId}`],
      [outsider, `user_rooms:${alice.id}`],
      [outsider, `user_contacts:${alice.id}`],
      [user, `agent_rooms:${helper.id}`],
      [user, `agent_control:${helper.id}`],
      [agent, `agent_rooms:${other.id}`],
      [agent, `agent_contacts:${other.id}`],
      [agent, `agent_control:${other.id}`],
      [agent, `user_rooms:${alice.id}`],
      [agent, 'chat_room:not-a-uuid'],
    ] as const;
    for (const [client, topic] of refused) {
      expect(await client.join(topic), topic).toEqual({ status: 'error', response: { reason: 'unauthorized' } });
    }
    expect(await user.join('lobby:1')).toEqual({ status: 'error', response: { reason: 'unmatched topic' } });
  });

  it('acknowledges a leave and closes the channel', async () => {
    const { ws } = await tryUpgrade(server.url, `vsn=2.0.0&api_key=${alice.key}`);
    if (!ws) throw new Error('no socket');
    const frames: unknown[][] = [];
    ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
    const topic = `chat_room:${roomId}`;
    ws.send(JSON.stringify(['1', '1', topic, 'phx_join', {}]));
    await eventually(() => frames.length === 1, 'join reply');
    ws.send(JSON.stringify(['1', '2', topic, 'phx_leave', {}]));
    await eventually(() => frames.length === 3, 'leave reply and close');
    expect(frames).toEqual([
      ['1', '1', topic, 'phx_reply', { status: 'ok', response: {} }],
      ['1', '2', topic, 'phx_reply', { status: 'ok', response: {} }],
      ['1', '1', topic, 'phx_close', {}],
    ]);
    ws.close();
  });
});
