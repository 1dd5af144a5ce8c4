import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type ParleyServer } from '../src/buildServer.js';
import { loadConfig } from '../src/config.js';
import { openTestDatabase, type TestDatabase } from './harness/testDatabase.js';

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  method?: string;
  url?: string;
  status?: number;
  duration_ms?: number;
}

const lines: LogLine[] = [];
let database: TestDatabase;
let server: ParleyServer;
let url: string;

beforeAll(async () => {
  database = await openTestDatabase();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PARLEY_SEED_DEMO: 'false', LOG_LEVEL: 'info' });
  server = await buildServer({
    config,
    database: database.handle,
    logStream: { write: (line) => lines.push(JSON.parse(line) as LogLine) },
  });
  url = await server.start();
});
afterAll(async () => {
  await server?.app.close();
  await database?.destroy();
});

/** Waits until `n` request lines are in (the line is written once the answer is sent). */
async function requestLines(n: number) {
  for (let i = 0; i < 100 && lines.filter((l) => l.msg === 'request').length < n; i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return lines.filter((l) => l.msg === 'request');
}

describe('request logs', () => {
  it('write exactly one info line per request, with method, url, status, duration and request id', async () => {
    const calls: [string, string, Record<string, string>, number][] = [
      ['GET', '/healthz', {}, 200],
      ['GET', '/api/v1/me/profile', { 'x-request-id': 'log-test-1' }, 401],
      ['GET', '/no/such/route', {}, 404],
      ['POST', '/api/v1/me/agents/register', { 'content-type': 'application/json' }, 401],
      ['GET', '/trpc/human.profile.get', {}, 401],
    ];
    const ids: string[] = [];
    for (const [method, path, headers, status] of calls) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers,
        ...(method === 'POST' ? { body: '{}' } : {}),
      });
      await response.arrayBuffer();
      expect(response.status, path).toBe(status);
      ids.push(response.headers.get('x-request-id') ?? '');
    }
    const logged = await requestLines(calls.length);
    expect(logged).toHaveLength(calls.length);
    calls.forEach(([method, path, , status], i) => {
      const line = logged.filter((l) => l.reqId === ids[i]);
      expect(line, path).toHaveLength(1);
      expect(line[0]).toMatchObject({ level: 30, method, url: path, status });
      expect(line[0]?.duration_ms).toBeGreaterThanOrEqual(0);
    });
    expect(logged[1]?.reqId).toBe('log-test-1');
    // Fastify's own pair of lines is off: nothing else at info names a request.
    const perRequest = lines.filter((l) => l.level === 30 && l.reqId);
    expect(perRequest).toHaveLength(calls.length);
    expect(lines.map((l) => l.msg)).not.toContain('incoming request');
    expect(lines.map((l) => l.msg)).not.toContain('request completed');
  });

  it('mask a key in the URL', async () => {
    const before = (await requestLines(0)).length;
    const response = await fetch(`${url}/api/v1/socket/websocket?api_key=thnv_u_1_secretsecret&vsn=1`);
    await response.arrayBuffer();
    const logged = await requestLines(before + 1);
    const line = logged.at(-1);
    expect(line?.url).toBe('/api/v1/socket/websocket?api_key=[redacted]&vsn=1');
    expect(JSON.stringify(lines)).not.toContain('secretsecret');
  });
});
