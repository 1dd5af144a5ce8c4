import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from './harness/fixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectTrpcError, trpcClient } from './harness/trpcClient.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => ts?.close());

describe('native tRPC: the same procedures, the same bodies', () => {
  it('profile get and update', async () => {
    const { apiKey, user } = await makeUser(ts.server.deps, { firstName: 'Grace' });
    const client = trpcClient(ts.url, apiKey);
    const profile = await client.human.profile.get.query();
    expect(profile.data).toMatchObject({ id: user.id, handle: user.handle, first_name: 'Grace' });
    const updated = await client.human.profile.update.mutate({ user: { last_name: 'Hopper' } });
    expect(updated.data.last_name).toBe('Hopper');
  });

  it('registers an agent, lists it and answers agent.me with its key', async () => {
    const { apiKey, user } = await makeUser(ts.server.deps);
    const { human } = trpcClient(ts.url, apiKey);
    const registered = await human.agents.register.mutate({ agent: { name: 'Native Bot', description: 'x' } });
    expect(registered.data.agent.handle).toBe(`${user.handle}/native-bot`);
    const listed = await human.agents.list.query({ sort: 'name', order: 'asc', limit: 10 });
    expect(listed.data.map((a) => a.id)).toEqual([registered.data.agent.id]);
    expect(listed.metadata).toMatchObject({ has_more: false, next_cursor: null, total_count: 1 });
    const filtered = await human.agents.list.query({ is_external: false });
    expect(filtered.data).toEqual([]);
    const me = await trpcClient(ts.url, registered.data.credentials.api_key).agent.me.query();
    expect(me.data).toMatchObject({ id: registered.data.agent.id, owner_uuid: user.id });
  });

  it('sends a JSON answer whole, with its length, not as a chunked stream (success and error)', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    for (const [path, status] of [
      ['human.profile.get', 200],
      ['agent.me', 403],
    ] as const) {
      const res = await fetch(`${ts.url}/trpc/${path}`, { headers: { 'x-api-key': apiKey } });
      const body = await res.text();
      expect(res.status).toBe(status);
      expect(res.headers.get('transfer-encoding')).toBeNull();
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(body));
      expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    }
  });

  it('answers errors with our codes and statuses', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    await expectTrpcError(trpcClient(ts.url).human.profile.get.query(), 401, 'unauthorized');
    await expectTrpcError(trpcClient(ts.url, 'thnv_u_1_garbage').human.profile.get.query(), 401, 'unauthorized');
    await expectTrpcError(trpcClient(ts.url, apiKey).agent.me.query(), 403, 'forbidden');
    const validation = await expectTrpcError(
      trpcClient(ts.url, apiKey).human.agents.register.mutate({ agent: { name: '', description: 'x' } }),
      422,
      'validation_error',
    );
    expect(Object.keys(validation?.details ?? {})).toEqual(['/agent/name']);
    await expectTrpcError(
      trpcClient(ts.url, apiKey).human.profile.update.mutate({ user: { nick: 'x' } } as never),
      400,
      'unknown_property',
    );
    await expectTrpcError(
      trpcClient(ts.url, apiKey).human.agents.list.query({ page: 1, cursor: 'abc' }),
      422,
      'validation_error',
    );
  });

  it('rejects string numbers natively before and after a REST call coerced them', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const client = trpcClient(ts.url, apiKey);
    // z.coerce is used on purpose for query integers, so both transports agree from the start.
    const before = await client.human.agents.list.query({ page_size: '2' as never });
    await fetch(`${ts.url}/api/v1/me/agents?page_size=2`, { headers: { 'x-api-key': apiKey } });
    const after = await client.human.agents.list.query({ page_size: '2' as never });
    expect(before.metadata.page_size).toBe(2);
    expect(after.metadata.page_size).toBe(2);
  });
});
