import { randomBytes, randomInt } from 'node:crypto';
import { connect } from 'node:net';
import { issueKey } from '@parley/core/auth/apiKeys';
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type ParleyServer } from '../src/buildServer.js';
import { loadConfig } from '../src/config.js';
import { expectRestError } from './harness/expectError.js';
import { makeUser } from './harness/fixtures.js';
import { restClient } from './harness/http.js';
import { openTestDatabase, type TestDatabase } from './harness/testDatabase.js';

/**
 * Made-up keys must not escape the rate limit: a key counts as its own budget only once it has
 * authenticated, failed authentications have a stricter budget per IP, and a client over either
 * budget gets 429 without its keys being looked up. Clients are told apart by `X-Forwarded-For`
 * (the servers trust it), as behind a load balancer.
 */
const REDIS_URL = process.env.PARLEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Counts the statements that look API keys up. */
function keyLookupCounter() {
  const counter = { lookups: 0 };
  const touchesApiKeys = (node: RootOperationNode) =>
    node.kind === 'SelectQueryNode' && JSON.stringify(node).includes('"name":"api_keys"');
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => {
      if (touchesApiKeys(node)) counter.lookups += 1;
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { counter, plugin };
}

interface LimitedServer {
  url: string;
  server: ParleyServer;
  counter: { lookups: number };
  close(): Promise<void>;
}

async function startCountingServer(env: Record<string, string>): Promise<LimitedServer> {
  const database: TestDatabase = await openTestDatabase();
  const { counter, plugin } = keyLookupCounter();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PARLEY_SEED_DEMO: 'false',
    PARLEY_TRUST_PROXY: 'true',
    ...env,
  });
  const handle = { ...database.handle, db: database.handle.db.withPlugin(plugin) };
  const server = await buildServer({ config, database: handle, logger: false });
  const url = await server.start();
  return {
    url,
    server,
    counter,
    async close() {
      await server.app.close();
      await database.destroy();
    },
  };
}

/** A client address of its own for each test (and run: Redis counters outlive a run). */
const clientIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const fakeKey = () => issueKey('user').key;

function as(ip: string, url: string) {
  const api = restClient(url);
  const headers = { 'x-forwarded-for': ip };
  return {
    profile: (key?: string) => api.get('/me/profile', { key, headers }),
    /** A single native tRPC call (`GET /trpc/human.profile.get`). */
    trpc: async (key: string) => {
      const response = await fetch(`${url}/trpc/human.profile.get`, { headers: { ...headers, 'x-api-key': key } });
      await response.text(); // read to the end: an unread body holds its connection open
      return response;
    },
  };
}

/**
 * A socket upgrade over a raw TCP connection: the status line of the answer, and whether the
 * server closed the connection by itself within `waitMs` (a client such as `ws` would close it on
 * its own and hide a server that never does).
 */
function rawUpgrade(url: string, ip: string, key?: string, waitMs = 3_000) {
  const { hostname, port } = new URL(url);
  const query = `vsn=2.0.0${key ? `&api_key=${key}` : ''}`;
  return new Promise<{ status: number; closedByServer: boolean }>((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    const done = (closedByServer: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: Number(answer.split(' ')[1]), closedByServer });
    };
    const timer = setTimeout(() => done(false), waitMs);
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('end', () => done(true));
    socket.on('error', reject);
    socket.write(
      [
        `GET /api/v1/socket/websocket?${query} HTTP/1.1`,
        `Host: ${hostname}:${port}`,
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        `X-Forwarded-For: ${ip}`,
        '',
        '',
      ].join('\r\n'),
    );
  });
}

describe('a client over its IP budget', () => {
  let ts: LimitedServer;
  beforeAll(async () => {
    ts = await startCountingServer({ PARLEY_RATE_LIMIT_MAX: '5', PARLEY_AUTH_FAIL_LIMIT_MAX: '1000' });
  });
  afterAll(async () => ts?.close());

  it('gets 429 for every fresh made-up key (REST, native tRPC), and no key is looked up', async () => {
    const client = as(clientIp(), ts.url);
    const statuses = [];
    for (let n = 0; n < 6; n++) statuses.push((await client.profile()).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);

    const lookupsBefore = ts.counter.lookups;
    for (let n = 0; n < 10; n++) {
      const limited = await client.profile(fakeKey());
      expectRestError(limited, 429, 'rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await client.trpc(fakeKey())).status).toBe(429);
    expect(ts.counter.lookups - lookupsBefore).toBe(0);
  });

  it('gets 429 on a socket upgrade, and the server closes that connection (nothing holds a shutdown)', async () => {
    const ip = clientIp();
    const client = as(ip, ts.url);
    for (let n = 0; n < 6; n++) await client.profile();
    // Refused by the request budget (no key), then by the IP's block on unverified keys.
    expect(await rawUpgrade(ts.url, ip)).toEqual({ status: 429, closedByServer: true });
    expect(await rawUpgrade(ts.url, ip, fakeKey())).toEqual({ status: 429, closedByServer: true });
  });

  it('counts made-up keys against the IP: they run the budget out like calls without a key', async () => {
    const client = as(clientIp(), ts.url);
    const statuses = [];
    for (let n = 0; n < 7; n++) statuses.push((await client.profile(fakeKey())).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('leaves a valid key its own budget, whatever another client sends', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const garbage = as(clientIp(), ts.url);
    for (let n = 0; n < 8; n++) await garbage.profile(fakeKey());
    const honest = as(clientIp(), ts.url);
    for (let n = 0; n < 5; n++) expect((await honest.profile(apiKey)).status).toBe(200);
    expect((await honest.profile(apiKey)).status).toBe(429); // its own budget of 5, no more
  });

  it('keeps serving a key that authenticated before its address ran out of budget', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const shared = as(clientIp(), ts.url); // one address, as behind a NAT
    expect((await shared.profile(apiKey)).status).toBe(200);
    for (let n = 0; n < 6; n++) await shared.profile(fakeKey());
    expect((await shared.profile(fakeKey())).status).toBe(429);
    expect((await shared.profile(apiKey)).status).toBe(200);
  });
});

describe('the budget of failed authentications', () => {
  let ts: LimitedServer;
  beforeAll(async () => {
    ts = await startCountingServer({ PARLEY_RATE_LIMIT_MAX: '1000', PARLEY_AUTH_FAIL_LIMIT_MAX: '4' });
  });
  afterAll(async () => ts?.close());

  it('is stricter than the request budget: after it, made-up keys get 429 without a lookup', async () => {
    const client = as(clientIp(), ts.url);
    const statuses = [];
    for (let n = 0; n < 4; n++) statuses.push((await client.profile(fakeKey())).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
    const lookupsBefore = ts.counter.lookups;
    const limited = await client.profile(fakeKey());
    expectRestError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await client.trpc(fakeKey())).status).toBe(429);
    expect(ts.counter.lookups - lookupsBefore).toBe(0);
    // Another address is not affected.
    expect((await as(clientIp(), ts.url).profile(fakeKey())).status).toBe(401);
  });

  it('counts a revoked key that used to work', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const client = as(clientIp(), ts.url);
    expect((await client.profile(apiKey)).status).toBe(200);
    await ts.server.deps.db.updateTable('api_keys').set({ revoked_at: new Date().toISOString() }).execute();
    const statuses = [];
    for (let n = 0; n < 6; n++) statuses.push((await client.profile(apiKey)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});

describe('the budget of failed authentications shared through Redis', () => {
  let first: LimitedServer;
  let second: LimitedServer;
  beforeAll(async () => {
    const env = { PARLEY_RATE_LIMIT_MAX: '1000', PARLEY_AUTH_FAIL_LIMIT_MAX: '4', REDIS_URL };
    first = await startCountingServer(env);
    second = await startCountingServer(env);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('counts failures on every instance together', async () => {
    const ip = clientIp();
    expect((await as(ip, first.url).profile(fakeKey())).status).toBe(401);
    expect((await as(ip, first.url).profile(fakeKey())).status).toBe(401);
    expect((await as(ip, second.url).profile(fakeKey())).status).toBe(401);
    expect((await as(ip, second.url).profile(fakeKey())).status).toBe(401);
    const before = second.counter.lookups;
    expect((await as(ip, second.url).profile(fakeKey())).status).toBe(429);
    expect((await as(ip, first.url).profile(fakeKey())).status).toBe(429);
    expect(second.counter.lookups - before).toBe(0);
  });
});
