import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatAgent, chatUser } from './harness/chatFixtures.js';
import { expectRestError } from './harness/expectError.js';
import { restClient } from './harness/http.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectTrpcError, trpcClient } from './harness/trpcClient.js';

/**
 * JSON bodies are taken as they are: a number or boolean sent as a string is a 422
 * validation_error on REST, as on native tRPC. Only query and path parameters, which are strings
 * by nature, are converted (docs/rest-and-trpc.md).
 */
describe('REST body types', () => {
  let ts: TestServer;
  const api = restClient(() => ts.url);
  beforeAll(async () => {
    ts = await startTestServer();
  });
  afterAll(async () => ts?.close());

  it('refuses a number given as a string in a body, and changes nothing', async () => {
    const user = await chatUser(ts);
    const agent = await chatAgent(ts, user.key);
    const path = `/me/agents/${agent.id}/inbox-settings`;
    const set = await api.put<{ data: { max_attempts: number } }>(path, { key: user.key, body: { max_attempts: 7 } });
    expect(set.status, set.text).toBe(200);
    expect(set.body.data.max_attempts).toBe(7);
    for (const wrong of ['5', '', 'five']) {
      const refused = await api.put(path, { key: user.key, body: { max_attempts: wrong } });
      const error = expectRestError(refused, 422, 'validation_error');
      expect(Object.keys(error.details ?? {})).toEqual(['/max_attempts']);
    }
    // Still 7: an identical valid call answers what is stored.
    const row = await ts.server.deps.db
      .selectFrom('agents')
      .select('max_attempts')
      .where('id', '=', agent.id)
      .executeTakeFirstOrThrow();
    expect(row.max_attempts).toBe(7);
  });

  it('refuses booleans given as strings in a nested body object', async () => {
    const user = await chatUser(ts);
    const agent = await chatAgent(ts, user.key);
    const path = `/me/agents/${agent.id}/directory`;
    for (const wrong of ['true', 'false', 'yes', 1]) {
      const refused = await api.patch(path, { key: user.key, body: { agent: { listed_in_directory: wrong } } });
      const error = expectRestError(refused, 422, 'validation_error');
      expect(Object.keys(error.details ?? {})).toEqual(['/agent/listed_in_directory']);
    }
    const listed = await api.patch<{ data: { listed_in_directory: boolean } }>(path, {
      key: user.key,
      body: { agent: { listed_in_directory: true } },
    });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.data.listed_in_directory).toBe(true);
  });

  it('leaves the shared schemas alone: native tRPC stays strict after REST calls of the same procedure', async () => {
    const user = await chatUser(ts);
    const agent = await chatAgent(ts, user.key);
    // REST calls first (trpc-to-openapi used to switch the schema to coercion on the first one).
    expect(
      (await api.put(`/me/agents/${agent.id}/inbox-settings`, { key: user.key, body: { max_attempts: 3 } })).status,
    ).toBe(200);
    const client = trpcClient(ts.url, user.key) as unknown as {
      human: {
        agents: { setInboxSettings: { mutate(input: unknown): Promise<unknown> } };
        session: { signOut: { mutate(input: unknown): Promise<unknown> } };
      };
    };
    await expectTrpcError(
      client.human.agents.setInboxSettings.mutate({ id: agent.id, max_attempts: '4' }),
      422,
      'validation_error',
    );
    await expectTrpcError(client.human.session.signOut.mutate({ everywhere: 'yes' }), 422, 'validation_error');
    // The key still works: the refused sign-out ended nothing.
    expect((await api.get('/me/profile', { key: user.key })).status).toBe(200);
  });

  it('still converts query parameters: numbers, and wrong ones are 422', async () => {
    const user = await chatUser(ts);
    for (let i = 0; i < 3; i++) {
      expect((await api.post('/me/chats', { key: user.key, body: { chat: { title: `room ${i}` } } })).status).toBe(201);
    }
    const page = await api.get<{ data: unknown[]; meta: Record<string, unknown> }>('/me/chats?page=2&page_size=2', {
      key: user.key,
    });
    expect(page.status, page.text).toBe(200);
    expect(page.body.data).toHaveLength(1);
    expectRestError(await api.get('/me/chats?page_size=two', { key: user.key }), 422, 'validation_error');
  });
});
