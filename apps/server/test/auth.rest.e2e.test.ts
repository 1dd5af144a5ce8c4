import { revokeKey } from '@parley/core/keys/revokeKey';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRestError } from './harness/expectError.js';
import { makeUser } from './harness/fixtures.js';
import { restClient } from './harness/http.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectVendorError, expectVendorShape, vendorStatuses } from './harness/vendorContract.js';

let ts: TestServer;
let api: ReturnType<typeof restClient>;
beforeAll(async () => {
  ts = await startTestServer();
  api = restClient(ts.url);
});
afterAll(async () => ts?.close());

async function agentKeyOf(userKey: string) {
  const r = await api.post<{ data: { agent: { id: string }; credentials: { api_key: string } } }>(
    '/me/agents/register',
    {
      key: userKey,
      body: { agent: { name: 'Auth Bot', description: '' } },
    },
  );
  return { agentId: r.body.data.agent.id, agentKey: r.body.data.credentials.api_key };
}

const humanRoutes = [
  ['GET', '/me/profile', 'getMyProfile'],
  ['PUT', '/me/profile', 'updateMyProfile'],
  ['GET', '/me/agents', 'listMyAgents'],
  ['POST', '/me/agents/register', 'registerMyAgent'],
] as const;
const agentRoutes = [['GET', '/agent/me', 'getAgentMe']] as const;

describe('401: no usable key', () => {
  const cases: [string, Record<string, string>][] = [
    ['no key', {}],
    ['garbage key', { 'x-api-key': 'not-a-key' }],
    ['well-formed unknown key', { 'x-api-key': `thnv_u_1700000000_${'A'.repeat(32)}` }],
    ['empty bearer', { authorization: 'Bearer ' }],
  ];
  for (const [name, headers] of cases) {
    it(`${name} → 401 on every route`, async () => {
      for (const [method, path, operationId] of [...humanRoutes, ...agentRoutes]) {
        const response = await api.request(method, path, { headers, ...(method === 'GET' ? {} : { body: {} }) });
        expectRestError(response, 401, 'unauthorized');
        expectVendorShape(operationId, response);
      }
    });
  }

  it('revoked keys → 401 from the next request on, for users and agents', async () => {
    const { apiKey, keyPrefix } = await makeUser(ts.server.deps);
    const { agentKey } = await agentKeyOf(apiKey);
    expect((await api.get('/agent/me', { key: agentKey })).status).toBe(200);
    await revokeKey(ts.server.deps, agentKey);
    expectRestError(await api.get('/agent/me', { key: agentKey }), 401, 'unauthorized');
    expect((await api.get('/me/profile', { key: apiKey })).status).toBe(200);
    await revokeKey(ts.server.deps, keyPrefix);
    expectRestError(await api.get('/me/profile', { key: apiKey }), 401, 'unauthorized');
  });

  it('a key with one character changed → 401', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const tampered = `${apiKey.slice(0, -1)}${apiKey.endsWith('A') ? 'B' : 'A'}`;
    expectRestError(await api.get('/me/profile', { key: tampered }), 401, 'unauthorized');
  });
});

describe('403: the wrong kind of identity', () => {
  it('an agent key on every /me route', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const { agentKey } = await agentKeyOf(apiKey);
    for (const [method, path, operationId] of humanRoutes) {
      const response = await api.request(method, path, { key: agentKey, ...(method === 'GET' ? {} : { body: {} }) });
      expectRestError(response, 403, 'forbidden');
      // The vendor documents 403 on some of these only; the body is its Error shape everywhere.
      expectVendorError(response);
      if (vendorStatuses(operationId).includes(403)) expectVendorShape(operationId, response);
    }
  });

  it('a user key on /agent routes', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    for (const [method, path, operationId] of agentRoutes) {
      const response = await api.request(method, path, { key: apiKey });
      expectRestError(response, 403, 'forbidden');
      expectVendorShape(operationId, response);
    }
  });
});

describe('organization isolation', () => {
  it('keys of one organization never see another organization’s agents', async () => {
    const a = await makeUser(ts.server.deps);
    const b = await makeUser(ts.server.deps);
    const { agentId } = await agentKeyOf(a.apiKey);
    const listB = await api.get<{ data: { id: string }[] }>('/me/agents', { key: b.apiKey });
    expect(listB.body.data.map((x) => x.id)).not.toContain(agentId);
    const named = await api.get<{ data: unknown[] }>('/me/agents?name=Auth', { key: b.apiKey });
    expect(named.body.data).toEqual([]);
    const profileB = await api.get<{ data: { id: string } }>('/me/profile', { key: b.apiKey });
    expect(profileB.body.data.id).toBe(b.user.id);
  });

  it('a colleague in the same organization does not list my agents either', async () => {
    const org = `org-shared-${Date.now()}`;
    const me = await makeUser(ts.server.deps, { org });
    const colleague = await makeUser(ts.server.deps, { org });
    const { agentId } = await agentKeyOf(me.apiKey);
    const list = await api.get<{ data: { id: string }[] }>('/me/agents', { key: colleague.apiKey });
    expect(list.body.data.map((x) => x.id)).not.toContain(agentId);
  });
});
