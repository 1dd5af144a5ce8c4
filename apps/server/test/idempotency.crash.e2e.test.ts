import type { Socket } from 'node:net';
import type { AppRouter } from '@parley/api/appRouter';
import { createTRPCClient, httpLink } from '@trpc/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The SDK as its users run it (from source): its retries are what meet the crash.
import { createHumanClient } from '../../../packages/sdk/src/createHumanClient.js';
import { chatAgent } from './harness/chatFixtures.js';
import { makeUser } from './harness/fixtures.js';
import { restClient } from './harness/http.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

/**
 * The crash case of docs/idempotency-keys.md: the effect's transaction commits, then the server
 * goes away before it answers or stores the response. A test-only fault hook runs right after the
 * commit; "crash" drops every connection and never lets that request go on (nothing after the
 * commit runs, as if the process had died), "fail" throws (a 500 after the commit).
 */
let fault: 'none' | 'crash' | 'fail' = 'none';
const sockets = new Set<Socket>();
let ts: TestServer;
let api: ReturnType<typeof restClient>;
beforeAll(async () => {
  ts = await startTestServer(
    // Rooms hold 3 messages: a retry of a committed send must not be charged again.
    { PARLEY_RATE_LIMIT_MAX: '100000', PARLEY_LIMIT_MESSAGES: '3' },
    {
      faults: {
        afterIdempotentCommit: async () => {
          const now = fault;
          fault = 'none';
          if (now === 'fail') throw new Error('injected failure after the commit');
          if (now === 'crash') {
            for (const socket of sockets) socket.destroy();
            await new Promise(() => {}); // this request never goes on
          }
        },
      },
    },
  );
  ts.server.app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  api = restClient(ts.url);
});
afterAll(async () => ts?.close());

async function messagesIn(roomId: string) {
  const { rows } = await sql<{ id: string; content: string }>`
    SELECT id, content FROM messages WHERE chat_room_id = ${roomId} AND message_type = 'text'`.execute(
    ts.server.deps.db,
  );
  return rows;
}

async function userWithRoom() {
  const { apiKey } = await makeUser(ts.server.deps);
  const room = await api.post<{ data: { id: string } }>('/me/chats', { key: apiKey, body: { chat: { title: 'c' } } });
  expect(room.status, room.text).toBe(201);
  const agent = await chatAgent(ts, apiKey);
  const added = await api.post(`/me/chats/${room.body.data.id}/participants`, {
    key: apiKey,
    body: { participant: { participant_id: agent.id } },
  });
  expect(added.status, added.text).toBe(201);
  return { key: apiKey, roomId: room.body.data.id, agentId: agent.id };
}

describe('a crash between the commit and the response', () => {
  it('over REST: the retry with the same key answers with the committed message, and there is exactly one', async () => {
    const { key, roomId, agentId } = await userWithRoom();
    const body = { message: { content: 'survives the crash', mentions: [{ id: agentId }] } };
    const headers = { 'idempotency-key': 'crash-rest-1' };
    // Two messages first: the crashed send takes the room's last message of its quota.
    for (const content of ['one', 'two']) {
      expect(
        (
          await api.post(`/me/chats/${roomId}/messages`, {
            key,
            body: { message: { content, mentions: [{ id: agentId }] } },
          })
        ).status,
      ).toBe(201);
    }
    fault = 'crash';
    await expect(api.post(`/me/chats/${roomId}/messages`, { key, body, headers })).rejects.toThrow();
    expect(fault).toBe('none'); // the hook ran: the send had committed
    const committed = (await messagesIn(roomId)).filter((m) => m.content.includes('survives the crash'));
    expect(committed).toHaveLength(1);

    // The retry (at once: no need to wait for the first run's lock) gets the committed message,
    // not a second one, and not a 403 for the room's full quota.
    const retry = await api.post<{ data: { id: string } }>(`/me/chats/${roomId}/messages`, { key, body, headers });
    expect(retry.status, retry.text).toBe(201);
    expect(retry.body.data.id).toBe(committed[0]?.id);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await messagesIn(roomId)).filter((m) => m.content.includes('survives the crash'))).toHaveLength(1);
    // From now on the stored response replays.
    const again = await api.post(`/me/chats/${roomId}/messages`, { key, body, headers });
    expect(again.text).toBe(retry.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // Without a key the room is full, as it should be.
    expect(
      (
        await api.post(`/me/chats/${roomId}/messages`, {
          key,
          body: { message: { content: 'x', mentions: [{ id: agentId }] } },
        })
      ).status,
    ).toBe(403);
  });

  it('over native tRPC through the SDK: its retry after the dropped connection leaves exactly one message', async () => {
    const { key, roomId, agentId } = await userWithRoom();
    const client = createHumanClient({ baseUrl: ts.url, apiKey: key, retry: { baseDelayMs: 20 } });
    fault = 'crash';
    const sent = await client.human.chats.sendMessage.mutate({
      chat_id: roomId,
      message: { content: 'sdk survives the crash', mentions: [{ id: agentId }] },
    });
    expect(fault).toBe('none');
    const rows = await messagesIn(roomId);
    expect(rows.map((m) => m.id)).toEqual([sent.data.id]);
  });

  it('over native tRPC: a new API key created before the crash is the one the retry returns, and the only one', async () => {
    const { key } = await userWithRoom();
    const keyed = createTRPCClient<AppRouter>({
      links: [
        httpLink({ url: `${ts.url}/trpc`, headers: () => ({ 'x-api-key': key, 'idempotency-key': 'new-key-1' }) }),
      ],
    });
    const before = (await keyed.human.apiKeys.list.query()).data.length;
    fault = 'crash';
    await expect(keyed.human.apiKeys.create.mutate({ label: 'ci' })).rejects.toThrow();
    expect(fault).toBe('none');
    const retry = await keyed.human.apiKeys.create.mutate({ label: 'ci' });
    const after = (await keyed.human.apiKeys.list.query()).data;
    expect(after).toHaveLength(before + 1);
    expect(after.map((k) => k.id)).toContain(retry.data.id);
    // The key returned works: it is the one that was stored.
    const profile = await api.get('/me/profile', { key: retry.data.key });
    expect(profile.status).toBe(200);
  });

  it('a failure after the commit (a 500) keeps the key: the retry answers with the committed effect', async () => {
    const { key } = await userWithRoom();
    const headers = { 'idempotency-key': 'fail-after-commit' };
    fault = 'fail';
    const failed = await api.post('/me/chats', { key, body: { chat: { title: 'made once' } }, headers });
    expect(failed.status).toBe(500);
    const retry = await api.post<{ data: { id: string; title: string } }>('/me/chats', {
      key,
      body: { chat: { title: 'made once' } },
      headers,
    });
    expect(retry.status, retry.text).toBe(201);
    const { rows } = await sql<{ id: string }>`SELECT id FROM chat_rooms WHERE title = 'made once'`.execute(
      ts.server.deps.db,
    );
    expect(rows.map((r) => r.id)).toEqual([retry.body.data.id]);
  });
});
