import { setOrganizationLimits } from '@parley/core/organizations/setOrganizationLimits';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRestError } from './harness/expectError.js';
import { makeUser } from './harness/fixtures.js';
import { restClient } from './harness/http.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectVendorShape } from './harness/vendorContract.js';

let ts: TestServer;
let api: ReturnType<typeof restClient>;
beforeAll(async () => {
  // Server-wide default: 5 agents per organization.
  ts = await startTestServer({ PARLEY_LIMIT_AGENTS: '5' });
  api = restClient(ts.url);
});
afterAll(async () => ts?.close());

function register(key: string, n: number) {
  return api.post('/me/agents/register', { key, body: { agent: { name: `Racer ${n}`, description: '' } } });
}

describe('plan quotas', () => {
  it('20 concurrent registrations at the boundary: exactly the limit succeeds', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const responses = await Promise.all(Array.from({ length: 20 }, (_, n) => register(apiKey, n)));
    const created = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status !== 201);
    expect(created).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const response of refused) {
      const error = expectRestError(response, 403, 'limit_reached');
      expectVendorShape('registerMyAgent', response);
      expect(error.details).toEqual({ resource: 'agents', limit: 5, current: 5 });
    }
    const listed = await api.get<{ data: unknown[] }>('/me/agents?page_size=100', { key: apiKey });
    expect(listed.body.data).toHaveLength(5);
  });

  it('the quota is per organization: colleagues share it, strangers do not', async () => {
    const org = `quota-${Date.now()}`;
    const a = await makeUser(ts.server.deps, { org });
    const b = await makeUser(ts.server.deps, { org });
    const stranger = await makeUser(ts.server.deps);
    for (let n = 0; n < 3; n++) expect((await register(a.apiKey, n)).status).toBe(201);
    for (let n = 0; n < 2; n++) expect((await register(b.apiKey, n)).status).toBe(201);
    expectRestError(await register(b.apiKey, 9), 403, 'limit_reached');
    expect((await register(stranger.apiKey, 0)).status).toBe(201);
  });

  it('an organization’s own limit overrides the default, and 0 refuses everything', async () => {
    const { apiKey, organization } = await makeUser(ts.server.deps);
    await setOrganizationLimits(ts.server.deps, { org: organization.slug, limits: { agents: 1 } });
    expect((await register(apiKey, 1)).status).toBe(201);
    const second = expectRestError(await register(apiKey, 2), 403, 'limit_reached');
    expect(second.details).toEqual({ resource: 'agents', limit: 1, current: 1 });

    const zero = await makeUser(ts.server.deps);
    await setOrganizationLimits(ts.server.deps, { org: zero.organization.slug, limits: { agents: 0 } });
    const refused = expectRestError(await register(zero.apiKey, 1), 403, 'limit_reached');
    expect(refused.details).toEqual({ resource: 'agents', limit: 0, current: 0 });
  });

  it('a refused registration leaves nothing behind', async () => {
    const { apiKey, organization } = await makeUser(ts.server.deps);
    await setOrganizationLimits(ts.server.deps, { org: organization.slug, limits: { agents: 0 } });
    const before = await ts.server.deps.db
      .selectFrom('principals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await register(apiKey, 1);
    const after = await ts.server.deps.db
      .selectFrom('principals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
