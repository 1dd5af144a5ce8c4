import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRestError } from './harness/expectError.js';
import { makeUser } from './harness/fixtures.js';
import { restClient } from './harness/http.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectTrpcError, trpcClient } from './harness/trpcClient.js';

const REDIS_URL = process.env.PARLEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('rate limits in memory', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '3', PARLEY_RATE_LIMIT_WINDOW_MS: '60000' });
  });
  afterAll(async () => ts?.close());

  it('the request after the limit gets 429 with Retry-After, RateLimit headers and the error body', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const api = restClient(ts.url);
    for (let n = 0; n < 3; n++) {
      const ok = await api.get('/me/profile', { key: apiKey });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('ratelimit-limit')).toBe('3');
      expect(ok.headers.get('ratelimit-remaining')).toBe(String(2 - n));
    }
    const limited = await api.get('/me/profile', { key: apiKey });
    expectRestError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('ratelimit-reset')).toBeTruthy();
  });

  it('counts per key: another key is not slowed down; native tRPC shares the budget', async () => {
    const a = await makeUser(ts.server.deps);
    const b = await makeUser(ts.server.deps);
    const api = restClient(ts.url);
    for (let n = 0; n < 3; n++) await api.get('/me/profile', { key: a.apiKey });
    await expectTrpcError(trpcClient(ts.url, a.apiKey).human.profile.get.query(), 429, 'rate_limited');
    expect((await api.get('/me/profile', { key: b.apiKey })).status).toBe(200);
  });

  it('counts per IP without a key; health and docs are not limited', async () => {
    const api = restClient(ts.url);
    const statuses = [];
    for (let n = 0; n < 4; n++) statuses.push((await api.get('/me/profile')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    for (let n = 0; n < 5; n++) expect((await fetch(`${ts.url}/healthz`)).status).toBe(200);
  });
});

describe('rate limits shared through Redis', () => {
  let first: TestServer;
  let second: TestServer;
  beforeAll(async () => {
    const env = { PARLEY_RATE_LIMIT_MAX: '4', PARLEY_RATE_LIMIT_WINDOW_MS: '60000', REDIS_URL };
    first = await startTestServer(env);
    second = await startTestServer(env);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('two instances count one budget per key', async () => {
    // The same user exists in both (separate test databases): copy its key row across.
    const { apiKey } = await makeUser(first.server.deps);
    const key = await first.server.deps.db
      .selectFrom('api_keys')
      .innerJoin('principals', 'principals.id', 'api_keys.principal_id')
      .selectAll('api_keys')
      .select(['principals.handle'])
      .where('api_keys.kind', '=', 'user')
      .orderBy('api_keys.inserted_at', 'desc')
      .executeTakeFirstOrThrow();
    const { user } = await makeUser(second.server.deps);
    await second.server.deps.db
      .insertInto('api_keys')
      .values({
        organization_id: user.organization_id,
        principal_id: user.id,
        kind: 'user',
        prefix: key.prefix,
        secret_hash: key.secret_hash,
      })
      .execute();
    const a = restClient(first.url);
    const b = restClient(second.url);
    const statuses = [
      (await a.get('/me/profile', { key: apiKey })).status,
      (await b.get('/me/profile', { key: apiKey })).status,
      (await a.get('/me/profile', { key: apiKey })).status,
      (await b.get('/me/profile', { key: apiKey })).status,
      (await a.get('/me/profile', { key: apiKey })).status,
      (await b.get('/me/profile', { key: apiKey })).status,
    ];
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});
