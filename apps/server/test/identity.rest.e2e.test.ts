import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRestError } from './harness/expectError.js';
import { makeUser } from './harness/fixtures.js';
import { restClient } from './harness/http.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectVendorShape } from './harness/vendorContract.js';

let ts: TestServer;
let api: ReturnType<typeof restClient>;
beforeAll(async () => {
  ts = await startTestServer();
  api = restClient(ts.url);
});
afterAll(async () => ts?.close());

async function registerAgent(key: string, name = 'Helper Bot', description = 'helps') {
  const response = await api.post<{
    data: { agent: { id: string; handle: string }; credentials: { api_key: string } };
  }>('/me/agents/register', { key, body: { agent: { name, description } } });
  expect(response.status, response.text).toBe(201);
  return response;
}

describe('GET /me/profile', () => {
  it('returns the caller with the vendor shape', async () => {
    const { apiKey, user } = await makeUser(ts.server.deps, { firstName: 'Ada' });
    const response = await api.get('/me/profile', { key: apiKey });
    expectVendorShape('getMyProfile', response);
    expect(response.body).toMatchObject({
      data: { id: user.id, handle: user.handle, first_name: 'Ada', role: 'user' },
    });
  });

  it('accepts Authorization: Bearer, and X-API-Key wins over it', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const bearer = await api.get('/me/profile', { headers: { authorization: `Bearer ${apiKey}` } });
    expect(bearer.status).toBe(200);
    const both = await api.get('/me/profile', { key: apiKey, headers: { authorization: 'Bearer garbage' } });
    expect(both.status).toBe(200);
  });
});

describe('PUT /me/profile', () => {
  it('updates names and keeps omitted ones', async () => {
    const { apiKey } = await makeUser(ts.server.deps, { firstName: 'Ada' });
    const response = await api.put('/me/profile', { key: apiKey, body: { user: { last_name: 'Lovelace' } } });
    expectVendorShape('updateMyProfile', response);
    expect(response.body).toMatchObject({ data: { first_name: 'Ada', last_name: 'Lovelace' } });
    const cleared = await api.put('/me/profile', { key: apiKey, body: { user: { first_name: null } } });
    expect((cleared.body as { data: Record<string, unknown> }).data.first_name).toBeUndefined();
  });

  it('rejects wrong types with 422 keyed by pointer and changes nothing', async () => {
    const { apiKey } = await makeUser(ts.server.deps, { firstName: 'Ada' });
    const response = await api.put('/me/profile', { key: apiKey, body: { user: { first_name: 42 } } });
    const error = expectRestError(response, 422, 'validation_error');
    expectVendorShape('updateMyProfile', response);
    expect(Object.keys(error.details ?? {})).toEqual(['/user/first_name']);
    const after = await api.get('/me/profile', { key: apiKey });
    expect((after.body as { data: { first_name: string } }).data.first_name).toBe('Ada');
  });

  it('rejects a name over 100 characters', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const response = await api.put('/me/profile', { key: apiKey, body: { user: { first_name: 'x'.repeat(101) } } });
    expectRestError(response, 422, 'validation_error');
  });
});

describe('POST /me/agents/register', () => {
  it('registers an agent whose key works at once', async () => {
    const { apiKey, user } = await makeUser(ts.server.deps);
    const response = await registerAgent(apiKey, 'My Helper!');
    expectVendorShape('registerMyAgent', response);
    const { agent, credentials } = response.body.data;
    expect(agent.handle).toBe(`${user.handle}/my-helper`);
    expect(credentials.api_key).toMatch(/^thnv_a_\d+_[A-Za-z0-9]{32}$/);
    const me = await api.get('/agent/me', { key: credentials.api_key });
    expectVendorShape('getAgentMe', me);
    expect(me.body).toMatchObject({ data: { id: agent.id, owner_uuid: user.id, handle: agent.handle } });
  });

  it('gives agents with the same name distinct slugs', async () => {
    const { apiKey, user } = await makeUser(ts.server.deps);
    const first = await registerAgent(apiKey, 'Twin');
    const second = await registerAgent(apiKey, 'Twin');
    expect(first.body.data.agent.handle).toBe(`${user.handle}/twin`);
    expect(second.body.data.agent.handle).toBe(`${user.handle}/twin-2`);
  });

  it('stores only a hash of the key', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const key = (await registerAgent(apiKey)).body.data.credentials.api_key;
    const rows = await ts.server.deps.db.selectFrom('api_keys').select(['prefix', 'secret_hash']).execute();
    for (const row of rows) {
      expect(row.secret_hash).not.toContain(key.slice(-24));
      expect(key.startsWith(row.prefix) || !key.includes(row.prefix)).toBe(true);
    }
  });

  it('requires name and description', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const response = await api.post('/me/agents/register', { key: apiKey, body: { agent: { name: '  ' } } });
    const error = expectRestError(response, 422, 'validation_error');
    expectVendorShape('registerMyAgent', response);
    expect(Object.keys(error.details ?? {}).sort()).toEqual(['/agent/description', '/agent/name']);
  });
});

describe('GET /me/agents', () => {
  it('lists only the caller’s agents, filtered and sorted, in both pagination styles', async () => {
    const owner = await makeUser(ts.server.deps);
    const other = await makeUser(ts.server.deps);
    for (const name of ['Charlie', 'alpha', 'Bravo']) await registerAgent(owner.apiKey, name);
    await registerAgent(other.apiKey, 'Intruder');

    const byName = await api.get<{ data: { name: string }[]; metadata: Record<string, unknown> }>(
      '/me/agents?sort=name&order=asc&page=1&page_size=2',
      { key: owner.apiKey },
    );
    expectVendorShape('listMyAgents', byName);
    expect(byName.body.data.map((a) => a.name)).toEqual(['alpha', 'Bravo']);
    expect(byName.body.metadata).toMatchObject({
      page: 1,
      page_size: 2,
      total_count: 3,
      total_pages: 2,
      has_more: true,
    });

    const first = await api.get<{ data: { name: string }[]; metadata: { next_cursor: string | null } }>(
      '/me/agents?sort=name&order=desc&limit=2',
      { key: owner.apiKey },
    );
    expectVendorShape('listMyAgents', first);
    expect(first.body.data.map((a) => a.name)).toEqual(['Charlie', 'Bravo']);
    const cursor = first.body.metadata.next_cursor;
    expect(cursor).toBeTruthy();
    const second = await api.get<{
      data: { name: string }[];
      metadata: { next_cursor: string | null; has_more: boolean };
    }>(`/me/agents?sort=name&order=desc&limit=2&cursor=${cursor}`, { key: owner.apiKey });
    expect(second.body.data.map((a) => a.name)).toEqual(['alpha']);
    expect(second.body.metadata).toMatchObject({ has_more: false, next_cursor: null });

    const filtered = await api.get<{ data: { name: string }[] }>('/me/agents?name=RAV&is_external=true', {
      key: owner.apiKey,
    });
    expect(filtered.body.data.map((a) => a.name)).toEqual(['Bravo']);
    const none = await api.get<{ data: unknown[] }>('/me/agents?is_external=false', { key: owner.apiKey });
    expect(none.body.data).toEqual([]);
  });

  it('refuses mixed pagination, bad cursors and unknown query keys', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    expectRestError(await api.get('/me/agents?page=1&limit=5', { key: apiKey }), 422, 'validation_error');
    expectRestError(await api.get('/me/agents?cursor=nonsense', { key: apiKey }), 422, 'validation_error');
    expectRestError(await api.get('/me/agents?page_size=101', { key: apiKey }), 422, 'validation_error');
    expectRestError(await api.get('/me/agents?sort=color', { key: apiKey }), 422, 'validation_error');
    expectRestError(await api.get('/me/agents?is_external=maybe', { key: apiKey }), 422, 'validation_error');
    expectRestError(await api.get('/me/agents?bogus=1', { key: apiKey }), 400, 'unknown_property');
  });
});
