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

  it('answers a single call as tRPC’s own handler answers the same call in a batch of one', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const headers = { 'x-api-key': apiKey, 'content-type': 'application/json' };
    const cases: { path: string; method: 'GET' | 'POST'; input?: unknown; key?: string }[] = [
      { path: 'human.profile.get', method: 'GET' },
      { path: 'human.profile.get', method: 'GET', key: 'thnv_u_1_garbage' },
      { path: 'human.agents.list', method: 'GET', input: { limit: 2 } },
      { path: 'human.agents.list', method: 'GET', input: { page: 1, cursor: 'abc' } },
      { path: 'human.agents.register', method: 'POST', input: { agent: { name: '', description: 'x' } } },
      { path: 'human.profile.update', method: 'POST', input: { user: { nick: 'x' } } },
    ];
    const strip = (body: { error?: { error?: { request_id?: string } } }) => {
      if (body.error?.error) body.error.error.request_id = '…';
      return body;
    };
    for (const c of cases) {
      const h = { ...headers, 'x-api-key': c.key ?? apiKey };
      const encoded = encodeURIComponent(JSON.stringify(c.input));
      const single =
        c.method === 'GET'
          ? await fetch(`${ts.url}/trpc/${c.path}${c.input ? `?input=${encoded}` : ''}`, { headers: h })
          : await fetch(`${ts.url}/trpc/${c.path}`, { method: 'POST', headers: h, body: JSON.stringify(c.input) });
      const batchInput = encodeURIComponent(JSON.stringify({ 0: c.input }));
      const batch =
        c.method === 'GET'
          ? await fetch(`${ts.url}/trpc/${c.path}?batch=1&input=${batchInput}`, { headers: h })
          : await fetch(`${ts.url}/trpc/${c.path}?batch=1`, {
              method: 'POST',
              headers: h,
              body: JSON.stringify({ 0: c.input }),
            });
      const [one] = (await batch.json()) as unknown[];
      expect(single.status, `${c.path} ${JSON.stringify(c.input)}`).toBe(batch.status);
      expect(strip((await single.json()) as never)).toEqual(strip(one as never));
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
