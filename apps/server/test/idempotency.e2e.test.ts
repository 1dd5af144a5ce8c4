import type { AppRouter } from '@parley/api/appRouter';
import { createTRPCClient, httpBatchLink, httpLink } from '@trpc/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The SDK as its users run it (from source): the crash case is about its retries.
import { createHumanClient } from '../../../packages/sdk/src/createHumanClient.js';
import { apiKeyHash, requestHash } from '../src/plugins/idempotency.js';
import { chatAgent } from './harness/chatFixtures.js';
import { expectRestError } from './harness/expectError.js';
import { makeUser } from './harness/fixtures.js';
import { restClient } from './harness/http.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectTrpcError } from './harness/trpcClient.js';

let ts: TestServer;
let api: ReturnType<typeof restClient>;
beforeAll(async () => {
  ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '100000' });
  api = restClient(ts.url);
});
afterAll(async () => ts?.close());

async function messageCount(roomId: string) {
  const { rows } = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM messages WHERE chat_room_id = ${roomId}`.execute(ts.server.deps.db);
  return rows[0]?.n ?? -1;
}

async function userWithRoom() {
  const { apiKey } = await makeUser(ts.server.deps);
  const room = await api.post<{ data: { id: string } }>('/me/chats', {
    key: apiKey,
    body: { chat: { title: 'idem' } },
  });
  expect(room.status, room.text).toBe(201);
  const agent = await chatAgent(ts, apiKey);
  const added = await api.post(`/me/chats/${room.body.data.id}/participants`, {
    key: apiKey,
    body: { participant: { participant_id: agent.id } },
  });
  expect(added.status, added.text).toBe(201);
  agentId = agent.id;
  agentKey = agent.key;
  return { key: apiKey, roomId: room.body.data.id };
}

let agentId = '';
let agentKey = '';
const message = (content: string) => ({ message: { content, mentions: [{ id: agentId }] } });

describe('Idempotency-Key over REST', () => {
  it('a lifecycle call (one statement) with a key runs once: the retry replays its attempt', async () => {
    const { key, roomId } = await userWithRoom();
    const sent = await api.post<{ data: { id: string } }>(`/me/chats/${roomId}/messages`, {
      key,
      body: message('process me once'),
    });
    expect(sent.status, sent.text).toBe(201);
    const path = `/agent/chats/${roomId}/messages/${sent.body.data.id}/processing`;
    const headers = { 'idempotency-key': 'claim-1' };
    const first = await api.post(path, { key: agentKey, body: {}, headers });
    const again = await api.post(path, { key: agentKey, body: {}, headers });
    expect(first.status, first.text).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.body).toMatchObject({ data: { attempt_number: 1 } });
    const other = await api.post(path, { key: agentKey, body: {}, headers: { 'idempotency-key': 'claim-2' } });
    expect(other.body).toMatchObject({ data: { attempt_number: 2 } });
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM delivery_attempts
      WHERE message_id = ${sent.body.data.id}`.execute(ts.server.deps.db);
    expect(rows[0]?.n).toBe(2);
  });

  it('replays the stored status and body, and does nothing again', async () => {
    const { key, roomId } = await userWithRoom();
    const before = await messageCount(roomId);
    const headers = { 'idempotency-key': 'send-1' };
    const body = message('hello once');
    const first = await api.post(`/me/chats/${roomId}/messages`, { key, body, headers });
    const again = await api.post(`/me/chats/${roomId}/messages`, { key, body, headers });
    expect(again.status).toBe(first.status);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await messageCount(roomId)).toBe(before + 1);
    // A stored client error replays too (the request was answered; it is not run again).
    const bad = message('');
    const refused = await api.post(`/me/chats/${roomId}/messages`, {
      key,
      body: bad,
      headers: { 'idempotency-key': 'bad-1' },
    });
    const refusedAgain = await api.post(`/me/chats/${roomId}/messages`, {
      key,
      body: bad,
      headers: { 'idempotency-key': 'bad-1' },
    });
    expect(refused.status).toBe(422);
    expect(refusedAgain.status).toBe(422);
    expect(refusedAgain.headers.get('idempotent-replayed')).toBe('true');
  });

  it('the same key with a different body is 422 idempotency_key_reused; while running, 409 idempotency_key_in_use', async () => {
    const { key, roomId } = await userWithRoom();
    const headers = { 'idempotency-key': 'k-2' };
    expect((await api.post(`/me/chats/${roomId}/messages`, { key, body: message('a'), headers })).status).toBe(201);
    expectRestError(
      await api.post(`/me/chats/${roomId}/messages`, { key, body: message('b'), headers }),
      422,
      'idempotency_key_reused',
    );
    // A first request still under way (its row taken, no response yet).
    const path = `/api/v1/me/chats/${roomId}/messages`;
    const body = message('slow');
    await sql`INSERT INTO idempotency_keys (api_key_hash, idempotency_key, request_hash, state, locked_until)
      VALUES (${apiKeyHash(key)}, 'k-running', ${requestHash('POST', path, body)}, 'running', now() + interval '1 minute')`.execute(
      ts.server.deps.db,
    );
    expectRestError(
      await api.post(`/me/chats/${roomId}/messages`, { key, body, headers: { 'idempotency-key': 'k-running' } }),
      409,
      'idempotency_key_in_use',
    );
    expect(await messageCount(roomId)).toBe(1);
  });

  it('is scoped per API key, and refuses a malformed key', async () => {
    const a = await userWithRoom();
    const b = await userWithRoom();
    const headers = { 'idempotency-key': 'shared-key' };
    const first = await api.post<{ data: { id: string } }>('/me/chats', {
      key: a.key,
      body: { chat: { title: 'x' } },
      headers,
    });
    const other = await api.post<{ data: { id: string } }>('/me/chats', {
      key: b.key,
      body: { chat: { title: 'x' } },
      headers,
    });
    expect(first.status).toBe(201);
    expect(other.status).toBe(201);
    expect(other.body.data.id).not.toBe(first.body.data.id);
    expectRestError(
      await api.post('/me/chats', {
        key: a.key,
        body: { chat: {} },
        headers: { 'idempotency-key': 'bad key with spaces' },
      }),
      400,
      'bad_request',
    );
  });
});

describe('Idempotency-Key over native tRPC', () => {
  it('replays a keyed mutation sent in a header', async () => {
    const { key, roomId } = await userWithRoom();
    const keyed = (k: string) => createTrpcWithHeaders(key, { 'idempotency-key': k });
    const first = await keyed('n-1').human.chats.sendMessage.mutate({ chat_id: roomId, ...message('native') });
    const again = await keyed('n-1').human.chats.sendMessage.mutate({ chat_id: roomId, ...message('native') });
    expect(again).toEqual(first);
    expect(await messageCount(roomId)).toBe(1);
    await expectTrpcError(
      keyed('n-1').human.chats.sendMessage.mutate({ chat_id: roomId, ...message('other') }),
      422,
      'idempotency_key_reused',
    );
  });

  it('a keyed batch of two sends makes two messages, each answered with its own', async () => {
    const { key, roomId } = await userWithRoom();
    const batched = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({ url: `${ts.url}/trpc`, headers: () => ({ 'x-api-key': key, 'idempotency-key': 'batch-1' }) }),
      ],
    });
    const [a, b] = await Promise.all([
      batched.human.chats.sendMessage.mutate({ chat_id: roomId, ...message('first of the batch') }),
      batched.human.chats.sendMessage.mutate({ chat_id: roomId, ...message('second of the batch') }),
    ]);
    expect(a.data.id).not.toBe(b.data.id);
    expect(await messageCount(roomId)).toBe(2);
  });

  it('the SDK keys every mutation: a send whose response was lost is retried and leaves exactly one message', async () => {
    const { key, roomId } = await userWithRoom();
    let lost = 0;
    // The server commits the send, then the response never reaches the client (a dropped
    // connection, a proxy timing out): the client sees a network error.
    const losingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (lost === 0 && String(input).includes('sendMessage')) {
        lost += 1;
        await response.arrayBuffer();
        throw new TypeError('fetch failed');
      }
      return response;
    };
    const client = createHumanClient({ baseUrl: ts.url, apiKey: key, fetch: losingFetch, retry: { baseDelayMs: 50 } });
    const sent = await client.human.chats.sendMessage.mutate({ chat_id: roomId, ...message('exactly once') });
    expect(lost).toBe(1);
    expect(await messageCount(roomId)).toBe(1);
    const listed = await client.human.chats.listMessages.query({ chat_id: roomId });
    expect(listed.data.map((m) => m.id)).toEqual([sent.data.id]);
    expect(listed.data[0]?.content).toContain('exactly once');
  });
});

function createTrpcWithHeaders(key: string, headers: Record<string, string>) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${ts.url}/trpc`, headers: () => ({ 'x-api-key': key, ...headers }) })],
  });
}
