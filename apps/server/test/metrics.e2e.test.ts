import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { chatApi } from './harness/chatClients.js';
import { chatAgent, chatUser, roomWith, say } from './harness/chatFixtures.js';
import { restClient } from './harness/http.js';
import { connectPhoenix } from './harness/phoenixClient.js';
import { eventually } from './harness/realtimeFixtures.js';
import { subscribeEvents } from './harness/streamClient.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

/** One sample's value from Prometheus text: `name{labels} value`, labels matched as given (subset). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    // Label values may hold braces themselves (`route="/me/chats/{id}"`).
    const braces = line.includes('{') ? line.slice(line.indexOf('{') + 1, line.lastIndexOf('}')) : '';
    const has = Object.entries(labels).every(([k, v]) => braces.includes(`${k}="${v}"`));
    if (has) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

async function scrape(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/metrics`, { headers });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

describe('/metrics on a server without a token', () => {
  let ts: TestServer;
  beforeAll(async () => {
    // A low rate limit for the rejection counter; the realtime figures are read from the other server.
    ts = await startTestServer({ PARLEY_RATE_LIMIT_MAX: '3', PARLEY_TRUST_PROXY: 'true' });
  });
  afterAll(async () => ts?.close());

  it('answers a local client in the Prometheus text format', async () => {
    const { status, type, text } = await scrape(ts.url);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# TYPE parley_http_request_duration_seconds histogram');
    expect(text).toContain('# TYPE parley_process_cpu_seconds_total counter');
  });

  it('refuses a request a proxy forwarded, even one claiming to come from loopback', async () => {
    const forwarded: Record<string, string>[] = [{ 'x-forwarded-for': '127.0.0.1' }, { forwarded: 'for=127.0.0.1' }];
    for (const headers of forwarded) {
      const { status, text } = await scrape(ts.url, headers);
      expect(status).toBe(403);
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'forbidden' } });
    }
  });

  it('has latency histograms by route pattern, method and status, never the raw URL', async () => {
    const owner = await chatUser(ts);
    const api = chatApi(ts.url, 'rest');
    const roomId = await roomWith(api, owner.key);
    const rest = restClient(ts.url);
    expect((await rest.get(`/me/chats/${roomId}`, { key: owner.key })).status).toBe(200);
    expect((await rest.get('/me/profile', { key: 'thnv_u_1_nosuchkeynosuchkey' })).status).toBe(401);
    expect((await fetch(`${ts.url}/no/such/${roomId}`)).status).toBe(404);
    expect((await fetch(`${ts.url}/healthz`)).status).toBe(200);
    const trpc = await fetch(`${ts.url}/trpc/human.profile.get`, { headers: { 'x-api-key': owner.key } });
    expect(trpc.status).toBe(200);

    const { text } = await scrape(ts.url);
    const count = (labels: Record<string, string>) =>
      sample(text, 'parley_http_request_duration_seconds_count', labels);
    expect(count({ method: 'GET', route: '/api/v1/me/chats/{id}', status: '200' })).toBe(1);
    expect(count({ method: 'POST', route: '/api/v1/me/chats', status: '201' })).toBeGreaterThanOrEqual(1);
    expect(count({ method: 'GET', route: '/api/v1/me/profile', status: '401' })).toBe(1);
    expect(count({ method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(count({ method: 'GET', route: '/healthz', status: '200' })).toBe(1);
    expect(count({ method: 'GET', route: '/trpc/human.profile.get', status: '200' })).toBe(1);
    expect(sample(text, 'parley_http_request_duration_seconds_bucket', { route: '/healthz', le: '+Inf' })).toBe(1);
    expect(text).not.toContain(roomId);
  });

  it('counts rate-limit rejections', async () => {
    const key = 'thnv_u_1_ratelimitedkeyratelimited';
    const before = sample((await scrape(ts.url)).text, 'parley_rate_limit_rejections_total', { surface: 'rest' });
    expect(before).toBe(0);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await restClient(ts.url).get('/me/profile', { key })).status);
    // An unverified key counts against the address, which earlier tests in this file used too.
    const refused = statuses.filter((s) => s === 429).length;
    expect(refused).toBeGreaterThanOrEqual(2);
    const { text } = await scrape(ts.url);
    expect(sample(text, 'parley_rate_limit_rejections_total', { surface: 'rest' })).toBe(refused);
    expect(sample(text, 'parley_rate_limit_rejections_total', { surface: 'trpc' })).toBe(0);
  });
});

describe('/metrics behind PARLEY_METRICS_TOKEN', () => {
  let ts: TestServer;
  const token = 'metrics-token-0123456789abcdef';
  const auth = { authorization: `Bearer ${token}` };
  beforeAll(async () => {
    ts = await startTestServer({ PARLEY_METRICS_TOKEN: token });
  });
  afterAll(async () => ts?.close());

  it('needs the bearer token, even from loopback', async () => {
    const none = await scrape(ts.url);
    expect(none.status).toBe(401);
    expect(JSON.parse(none.text)).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await scrape(ts.url, { authorization: `Bearer ${token}x` })).status).toBe(401);
    expect((await scrape(ts.url, { authorization: token })).status).toBe(401);
    const ok = await scrape(ts.url, { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('parley_deliveries_open');
  });

  it('shows open sockets and streams, the delivery backlog, outbox lag and pool use', async () => {
    const owner = await chatUser(ts);
    const agent = await chatAgent(ts, owner.key);
    const api = chatApi(ts.url, 'rest');
    const roomId = await roomWith(api, owner.key, [{ id: agent.id }]);

    const stream = subscribeEvents(ts.url, owner.key, 'human');
    await stream.started;
    const socket = await connectPhoenix(ts.url, { api_key: agent.key });
    try {
      await eventually(async () => {
        const { text } = await scrape(ts.url, auth);
        return (
          sample(text, 'parley_realtime_connections', { kind: 'socket' }) === 1 &&
          sample(text, 'parley_realtime_connections', { kind: 'stream' }) === 1
        );
      }, 'one socket and one stream in the metrics');

      await say(api, owner.key, roomId, `@${agent.handle} ping`, [agent]);
      await say(api, owner.key, roomId, `@${agent.handle} pong`, [agent]);
      await stream.waitForCount(2, 'both messages on the stream');
      // Database figures are cached for a few seconds: wait for a fresh read.
      const text = await eventually(
        async () => {
          const { text } = await scrape(ts.url, auth);
          return sample(text, 'parley_deliveries_open', { status: 'delivered' }) === 2 ? text : undefined;
        },
        'two open deliveries',
        20_000,
      );
      expect(sample(text, 'parley_deliveries_open', { status: 'processing' })).toBe(0);
      const newest = sample(text, 'parley_outbox_newest_event_id') ?? 0;
      expect(newest).toBeGreaterThan(0);
      expect(sample(text, 'parley_outbox_pushed_event_id')).toBe(newest);
      expect(sample(text, 'parley_outbox_lag_events')).toBe(0);
      if (process.env.DATABASE_URL) {
        expect(sample(text, 'parley_db_pool_max')).toBe(8);
        expect(sample(text, 'parley_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
        // The scrape's own reads may be waiting for a connection being opened.
        expect(sample(text, 'parley_db_pool_connections', { state: 'waiting' })).toBeGreaterThanOrEqual(0);
        expect(sample(text, 'parley_db_pool_connections', { state: 'in_use' })).toBeGreaterThanOrEqual(0);
      } else {
        expect(sample(text, 'parley_db_pool_max')).toBe(1);
      }
    } finally {
      socket.disconnect();
      stream.stop();
    }
    await eventually(async () => {
      const { text } = await scrape(ts.url, auth);
      return (
        sample(text, 'parley_realtime_connections', { kind: 'socket' }) === 0 &&
        sample(text, 'parley_realtime_connections', { kind: 'stream' }) === 0
      );
    }, 'no socket and no stream once both closed');
  });

  it('refuses a token that is too short at start', () => {
    expect(() => loadConfig({ PARLEY_METRICS_TOKEN: 'short' })).toThrow(/PARLEY_METRICS_TOKEN="short"/);
  });
});
