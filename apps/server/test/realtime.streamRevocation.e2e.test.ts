import { runAdminCommand } from '@parley/core/admin/runAdminCommand';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyServer } from '../src/buildServer.js';
import { restClient } from './harness/http.js';
import { connectPhoenix } from './harness/phoenixClient.js';
import {
  agentPrincipal,
  eventually,
  insertRoom,
  messageEvent,
  messagePayload,
  type Principal,
  publish,
  userPrincipal,
} from './harness/realtimeFixtures.js';
import { type StreamSubscription, subscribeEvents } from './harness/streamClient.js';
import { type SecondInstance, startSecondInstance, startTestServer, type TestServer } from './harness/testServer.js';

/**
 * An open native event stream (SSE) must not outlive its key: revoked (`parley keys revoke`),
 * rotated, or its agent deleted. The servers here re-check keys only every minute (the default),
 * so a stream that ends within seconds was ended by the change's notice, not by the timer.
 */
type TrpcError = { data?: { httpStatus?: number }; shape?: { error?: { code?: string } } };

async function endedUnauthorized(stream: StreamSubscription, what: string) {
  await eventually(() => stream.errors.length > 0, what);
  const error = stream.errors[0] as TrpcError;
  expect(error.data?.httpStatus).toBe(401);
  expect(error.shape?.error?.code).toBe('unauthorized');
}

/**
 * Waits for the streams to be registered with the hub (only later events reach them); streams
 * stopped by an earlier test must have left it first.
 */
async function streamsOpen(server: ParleyServer, ...opened: StreamSubscription[]) {
  await Promise.all(opened.map((s) => s.started));
  await eventually(() => server.realtime.hub.subscriberCount === opened.length, 'the streams to register');
}
async function noStreams(server: ParleyServer) {
  await eventually(() => server.realtime.hub.subscriberCount === 0, 'earlier streams to end');
}

let ts: TestServer;
const streams: StreamSubscription[] = [];
const open = (url: string, key: string, kind: 'human' | 'agent') => {
  const stream = subscribeEvents(url, key, kind);
  streams.push(stream);
  return stream;
};

beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  for (const s of streams) s.stop();
  await ts?.close();
});

describe('an open event stream ends when its key stops working', () => {
  it('keys revoke (the CLI’s admin command) ends the user’s stream at once; nothing more arrives', async () => {
    const deps = ts.server.deps;
    const alice = await userPrincipal(deps);
    const bob = await userPrincipal(deps);
    const roomId = await insertRoom(deps.db, alice.organizationId, [alice]);
    await noStreams(ts.server);
    const aliceStream = open(ts.url, alice.key, 'human');
    const bobStream = open(ts.url, bob.key, 'human');
    await streamsOpen(ts.server, aliceStream, bobStream);

    await runAdminCommand(deps, { command: 'keys.revoke', prefix: alice.key }, async () => []);
    await endedUnauthorized(aliceStream, 'the revoked key’s stream to end');
    await publish(deps.db, messageEvent(roomId, alice.organizationId, messagePayload(roomId, alice, { content: 'x' })));
    await new Promise((r) => setTimeout(r, 300));
    expect(aliceStream.events).toEqual([]);
    // Another principal's stream is untouched by the notice.
    expect(bobStream.errors).toEqual([]);
    bobStream.stop();
  });

  it('rotating an agent’s key ends the stream on the old key; the new key streams', async () => {
    const deps = ts.server.deps;
    const owner = await userPrincipal(deps);
    const agent = await agentPrincipal(deps, owner, 'Rotated');
    const other = await agentPrincipal(deps, owner, 'Bystander');
    await noStreams(ts.server);
    const old = open(ts.url, agent.key, 'agent');
    const bystander = open(ts.url, other.key, 'agent');
    await streamsOpen(ts.server, old, bystander);

    const rotated = await restClient(ts.url).post<{ data: { credentials: { api_key: string } } }>(
      `/me/agents/${agent.id}/rotate-key`,
      { key: owner.key },
    );
    expect(rotated.status).toBe(200);
    await endedUnauthorized(old, 'the old key’s stream to end');

    const fresh = open(ts.url, rotated.body.data.credentials.api_key, 'agent');
    await fresh.started;
    const roomId = await insertRoom(deps.db, owner.organizationId, [owner, agent, other]);
    const mention = messagePayload(roomId, owner, { content: 'both', mentions: [agent, other] });
    await publish(deps.db, messageEvent(roomId, owner.organizationId, mention));
    await fresh.waitForCount(1, 'the mention on the new key');
    await bystander.waitForCount(1, 'the mention on the other agent’s stream');
    expect(old.events).toEqual([]);
    fresh.stop();
    bystander.stop();
  });

  it('deleting the agent ends its stream', async () => {
    const deps = ts.server.deps;
    const owner = await userPrincipal(deps);
    const agent = await agentPrincipal(deps, owner, 'Doomed');
    await noStreams(ts.server);
    const stream = open(ts.url, agent.key, 'agent');
    await streamsOpen(ts.server, stream);
    const deleted = await restClient(ts.url).delete(`/me/agents/${agent.id}`, { key: owner.key });
    expect(deleted.status).toBe(200);
    await endedUnauthorized(stream, 'the deleted agent’s stream to end');
  });

  it('a rotation closes the agent’s Phoenix socket at once too (4003), not at the next re-check', async () => {
    const deps = ts.server.deps;
    const owner = await userPrincipal(deps);
    const agent = await agentPrincipal(deps, owner, 'Socketed');
    const client = await connectPhoenix(ts.url, { api_key: agent.key });
    try {
      const rotated = await restClient(ts.url).post(`/me/agents/${agent.id}/rotate-key`, { key: owner.key });
      expect(rotated.status).toBe(200);
      await eventually(() => client.closes.length > 0, 'the socket to close');
      expect(client.closes[0]?.code).toBe(4003);
    } finally {
      client.socket.disconnect();
    }
  });

  it('a rolled-back rotation ends nothing', async () => {
    const deps = ts.server.deps;
    const owner = await userPrincipal(deps);
    const stranger = await userPrincipal(deps);
    const agent = await agentPrincipal(deps, owner, 'Kept');
    await noStreams(ts.server);
    const stream = open(ts.url, agent.key, 'agent');
    await streamsOpen(ts.server, stream);
    // Another organization's user may not rotate it: 404, and the key (and its stream) stay.
    const refused = await restClient(ts.url).post(`/me/agents/${agent.id}/rotate-key`, { key: stranger.key });
    expect(refused.status).toBe(404);
    const roomId = await insertRoom(deps.db, owner.organizationId, [owner, agent]);
    await publish(
      deps.db,
      messageEvent(roomId, owner.organizationId, messagePayload(roomId, owner, { content: 'hi', mentions: [agent] })),
    );
    await stream.waitForCount(1, 'the mention on the kept key');
    stream.stop();
  });
});

describe('the periodic re-check (a change whose notice was lost)', () => {
  let quick: TestServer;
  beforeAll(async () => {
    quick = await startTestServer({ PARLEY_SOCKET_RECHECK_MS: '300' });
  });
  afterAll(async () => {
    await quick?.close();
  });

  it('ends a stream whose key was revoked without a notice within the re-check interval', async () => {
    const alice = await userPrincipal(quick.server.deps);
    const stream = open(quick.url, alice.key, 'human');
    await streamsOpen(quick.server, stream);
    // Straight to the table: no notice is sent, only the timer can notice.
    await sql`UPDATE api_keys SET revoked_at = now() WHERE principal_id = ${alice.id}`.execute(quick.server.deps.db);
    await endedUnauthorized(stream, 'the re-check to end the stream');
  });
});

const url = process.env.DATABASE_URL;

/** Two instances over one Postgres schema: the notice reaches the other instance's streams. */
describe.skipIf(!url)('two instances on one Postgres', () => {
  let b: SecondInstance;
  let bUrl: string;

  beforeAll(async () => {
    b = await startSecondInstance(ts);
    bUrl = b.url;
  });
  afterAll(async () => {
    for (const s of streams) s.stop();
    await b?.close();
  });

  it('a key revoked through A ends its stream on B at once, and a rotation through A too', async () => {
    const deps = ts.server.deps;
    const alice: Principal = await userPrincipal(deps);
    const agent = await agentPrincipal(deps, alice, 'Remote');
    const human = open(bUrl, alice.key, 'human');
    const agentStream = open(bUrl, agent.key, 'agent');
    await streamsOpen(b.server, human, agentStream);

    const rotated = await restClient(ts.url).post(`/me/agents/${agent.id}/rotate-key`, { key: alice.key });
    expect(rotated.status).toBe(200);
    await endedUnauthorized(agentStream, 'B’s agent stream to end after a rotation on A');
    await runAdminCommand(deps, { command: 'keys.revoke', prefix: alice.key }, async () => []);
    await endedUnauthorized(human, 'B’s stream to end after a revocation on A');
  });
});
