import type { StreamEvent } from '@parley/contracts/events/streamEvent';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentParty, expireRequest, type Party, sendRequest, userParty } from './harness/contactFixtures.js';
import { restClient } from './harness/http.js';
import { connectPhoenix, type PhoenixTestClient } from './harness/phoenixClient.js';
import { eventually } from './harness/realtimeFixtures.js';
import { type StreamSubscription, subscribeEvents } from './harness/streamClient.js';
import { type SecondInstance, startSecondInstance, startTestServer, type TestServer } from './harness/testServer.js';

/**
 * Issue 13 §4: a pending contact request that expires is announced to both parties as
 * `contact_request_updated` with status `expired`, carrying the request as each party's REST API
 * shows it, on the contacts topic and both native streams, exactly once. On PostgreSQL a second
 * instance shares the schema and sweeps too; sockets are on one instance, streams on the other.
 */
const SWEEP = { PARLEY_CONTACT_EXPIRY_SWEEP_MS: '100' };
let first: TestServer;
let second: SecondInstance | undefined;
const api = restClient(() => first.url);
const sockets: PhoenixTestClient[] = [];
const streams: StreamSubscription[] = [];

beforeAll(async () => {
  first = await startTestServer(SWEEP);
  if (process.env.DATABASE_URL) second = await startSecondInstance(first, SWEEP);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const s of streams) s.stop();
  await second?.close();
  await first?.close();
});

/** The instance streams connect to: the second one when there is one. */
const streamUrl = () => second?.url ?? first.url;

async function socketOf(party: Party) {
  const client = await connectPhoenix(first.url, { api_key: party.key });
  sockets.push(client);
  const topic = `${party.kind === 'User' ? 'user' : 'agent'}_contacts:${party.id}`;
  expect((await client.join(topic)).status).toBe('ok');
  return client;
}

async function streamOf(party: Party) {
  const stream = subscribeEvents(streamUrl(), party.key, party.kind === 'User' ? 'human' : 'agent');
  streams.push(stream);
  await stream.started;
  return stream;
}

const expiredOnSocket = (client: PhoenixTestClient, id: string) =>
  client.received.filter(
    (r) => r.event === 'contact_request_updated' && r.payload.id === id && r.payload.status === 'expired',
  );
const expiredOnStream = (stream: StreamSubscription, id: string) =>
  stream.events.filter(
    (e: StreamEvent) =>
      e.type === 'contact_request_updated' &&
      (e.payload as { id: string }).id === id &&
      (e.payload as { status: string }).status === 'expired',
  );

/** How many `contact_request_updated` rows were written for a request, per recipient. */
async function outboxRows(id: string) {
  const rows = await first.server.deps.db
    .selectFrom('event_outbox')
    .select(['recipient_id', sql<string>`payload->>'status'`.as('status')])
    .where('type', '=', 'contact_request_updated')
    .where(sql<string>`payload->>'id'`, '=', id)
    .execute();
  return rows.map((r) => `${r.recipient_id}:${r.status}`).sort();
}

/** The whole first page of a REST list. */
async function list<T>(path: string, party: Party): Promise<T> {
  const response = await api.get<{ data: T }>(path, { key: party.key });
  expect(response.status, response.text).toBe(200);
  return response.body.data;
}

/** Waits a few sweep periods of every instance, so that a second announcement would show. */
const quiet = () => new Promise((resolve) => setTimeout(resolve, 800));

describe('contact request expiry events', () => {
  it('tells both parties once, on the socket and both streams, with the request as REST shows it', async () => {
    const user = await userParty(first.server.deps);
    const agent = await agentParty(api, await userParty(first.server.deps));
    const other = await userParty(first.server.deps);
    const [userSocket, agentSocket, otherSocket] = [await socketOf(user), await socketOf(agent), await socketOf(other)];
    const [userStream, agentStream, otherStream] = [await streamOf(user), await streamOf(agent), await streamOf(other)];

    // One request each way between a user and an agent, so every wire shape is announced.
    const toAgent = await sendRequest(api, user, agent);
    const toOther = await sendRequest(api, agent, other);
    type Received = { id: string; status: string };
    const agentReceived = (await list<{ received: Received[] }>('/agent/contacts/requests', agent)).received;
    const otherReceived = await list<Received[]>('/me/contacts/requests', other);
    await expireRequest(first.server.deps, toAgent);
    await expireRequest(first.server.deps, toOther);

    const all = [
      [userSocket, userStream, toAgent],
      [agentSocket, agentStream, toAgent],
      [agentSocket, agentStream, toOther],
      [otherSocket, otherStream, toOther],
    ] as const;
    for (const [socket, stream, id] of all) {
      await eventually(() => expiredOnSocket(socket, id).length > 0, 'the expiry on the socket');
      await eventually(() => expiredOnStream(stream, id).length > 0, 'the expiry on the stream');
    }
    await quiet();
    for (const [socket, stream, id] of all) {
      expect(expiredOnSocket(socket, id)).toHaveLength(1);
      expect(expiredOnStream(stream, id)).toHaveLength(1);
      expect(expiredOnSocket(socket, id)[0]?.payload).toEqual(expiredOnStream(stream, id)[0]?.payload);
    }
    expect(await outboxRows(toAgent)).toEqual([`${agent.id}:expired`, `${user.id}:expired`].sort());
    expect(await outboxRows(toOther)).toEqual([`${agent.id}:expired`, `${other.id}:expired`].sort());

    // Each party's payload is the request as its own REST API lists it.
    const userSent = await list<Received[]>('/me/contacts/requests/sent?status=expired', user);
    expect(expiredOnSocket(userSocket, toAgent)[0]?.payload).toEqual(userSent.find((r) => r.id === toAgent));
    const agentSent = (await list<{ sent: Received[] }>('/agent/contacts/requests?sent_status=expired', agent)).sent;
    expect(expiredOnSocket(agentSocket, toOther)[0]?.payload).toEqual(agentSent.find((r) => r.id === toOther));
    // The recipient's lists leave expired requests out: the payload is its received entry, now
    // expired (and with the expiry the test moved into the past, as the requester's list shows it).
    const expiresAt = (rows: Received[], id: string) =>
      (rows.find((r) => r.id === id) as { expires_at?: string }).expires_at;
    expect(expiredOnSocket(agentSocket, toAgent)[0]?.payload).toEqual({
      ...agentReceived.find((r) => r.id === toAgent),
      status: 'expired',
      expires_at: expiresAt(userSent, toAgent),
    });
    expect(expiredOnSocket(otherSocket, toOther)[0]?.payload).toEqual({
      ...otherReceived.find((r) => r.id === toOther),
      status: 'expired',
      expires_at: expiresAt(agentSent, toOther),
    });
  });

  it('announces each of many expiries once, also when a new request between the pair races the sweeps', async () => {
    const alice = await userParty(first.server.deps);
    const stream = await streamOf(alice);
    const others = await Promise.all(Array.from({ length: 6 }, () => userParty(first.server.deps)));
    const ids = [];
    for (const other of others) ids.push(await sendRequest(api, alice, other));
    for (const id of ids) await expireRequest(first.server.deps, id);
    // Racing the sweeps: the first recipient asks afresh, which persists the stale expiry itself.
    const [racer] = others;
    if (!racer) throw new Error('no recipient');
    const fresh = await api.post<{ data: { status: string } }>('/me/contacts/requests', {
      key: racer.key,
      body: { contact_request: { recipient_handle: alice.handle } },
    });
    expect(fresh.status, fresh.text).toBe(201);
    expect(fresh.body.data.status).toBe('pending');

    for (const id of ids) await eventually(() => expiredOnStream(stream, id).length > 0, 'every expiry');
    await quiet();
    for (const [n, id] of ids.entries()) {
      expect(expiredOnStream(stream, id), `request ${n}`).toHaveLength(1);
      expect(await outboxRows(id)).toEqual([`${alice.id}:expired`, `${others[n]?.id}:expired`].sort());
    }
    const stored = await first.server.deps.db
      .selectFrom('contact_requests')
      .select('status')
      .where('id', 'in', ids)
      .execute();
    expect(stored.map((r) => r.status)).toEqual(ids.map(() => 'expired'));
  });

  it('announces nothing for a request answered before it expired', async () => {
    const alice = await userParty(first.server.deps);
    const bob = await userParty(first.server.deps);
    const id = await sendRequest(api, alice, bob);
    const approved = await api.post(`/me/contacts/requests/${id}/approve`, { key: bob.key });
    expect(approved.status, approved.text).toBe(200);
    await expireRequest(first.server.deps, id);
    await quiet();
    expect(await outboxRows(id)).toEqual([`${alice.id}:approved`, `${bob.id}:approved`].sort());
  });
});
