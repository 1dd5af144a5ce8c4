import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { chatUser } from './harness/chatFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

const allowed = 'https://app.example.com';

function corsHeaders(headers: Headers) {
  return [...headers.keys()].filter((h) => h.startsWith('access-control-'));
}

/** A raw GET (fetch would decompress): status, headers and the first chunk of the body. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; first: Buffer }>((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      res.once('data', (chunk: Buffer) => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, first: chunk });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('CORS with configured origins', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer({ PARLEY_CORS_ORIGINS: `${allowed}, http://localhost:5173` });
  });
  afterAll(async () => ts?.close());

  it('answers an allowed origin’s preflight with 204 and the headers it may send', async () => {
    for (const path of ['/api/v1/me/profile', '/trpc/human.profile.get']) {
      const response = await fetch(`${ts.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: allowed,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'x-api-key, content-type',
        },
      });
      expect(response.status, path).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
      expect(response.headers.get('access-control-allow-methods')).toContain('GET');
      expect(response.headers.get('access-control-allow-headers')).toContain('x-api-key');
      expect(response.headers.get('access-control-max-age')).toBe('600');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      expect(response.headers.get('vary')).toMatch(/origin/i);
    }
  });

  it('lets an allowed origin read the answer and its request id', async () => {
    const user = await chatUser(ts);
    const response = await fetch(`${ts.url}/api/v1/me/profile`, {
      headers: { origin: 'http://localhost:5173', 'x-api-key': user.key },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });

  it('gives any other origin no CORS headers', async () => {
    for (const origin of ['https://evil.example.com', 'https://app.example.com.evil.io', 'null']) {
      const preflight = await fetch(`${ts.url}/api/v1/me/profile`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
      expect(corsHeaders(preflight.headers), origin).toEqual([]);
      const simple = await fetch(`${ts.url}/api/v1/me/profile`, { headers: { origin } });
      expect(corsHeaders(simple.headers), origin).toEqual([]);
    }
  });

  it('rejects a malformed origin list at start', () => {
    expect(() => loadConfig({ PARLEY_CORS_ORIGINS: 'app.example.com' })).toThrow(/PARLEY_CORS_ORIGINS/);
    expect(() => loadConfig({ PARLEY_CORS_ORIGINS: 'https://a.io/path' })).toThrow(/origin/);
    expect(loadConfig({}).corsOrigins).toEqual([]);
  });
});

describe('CORS without configured origins (the default)', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer();
  });
  afterAll(async () => ts?.close());

  it('sends no CORS headers to anyone', async () => {
    const preflight = await fetch(`${ts.url}/api/v1/me/profile`, {
      method: 'OPTIONS',
      headers: { origin: allowed, 'access-control-request-method': 'GET' },
    });
    expect(corsHeaders(preflight.headers)).toEqual([]);
    expect(preflight.status).toBe(404);
    const user = await chatUser(ts);
    const simple = await fetch(`${ts.url}/api/v1/me/profile`, { headers: { origin: allowed, 'x-api-key': user.key } });
    expect(simple.status).toBe(200);
    expect(corsHeaders(simple.headers)).toEqual([]);
  });

  it('compresses large JSON for clients that accept it, and not small answers', async () => {
    for (const encoding of ['gzip', 'br']) {
      const doc = await rawGet(`${ts.url}/api/v1/openapi.json`, { 'accept-encoding': encoding });
      expect(doc.status).toBe(200);
      expect(doc.headers['content-encoding']).toBe(encoding);
    }
    const identity = await rawGet(`${ts.url}/api/v1/openapi.json`, {});
    expect(identity.headers['content-encoding']).toBeUndefined();
    const small = await rawGet(`${ts.url}/healthz`, { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    // fetch decompresses: the document reads the same.
    const viaFetch = await fetch(`${ts.url}/api/v1/openapi.json`);
    expect(((await viaFetch.json()) as { openapi: string }).openapi).toMatch(/^3\.1/);
  });

  it('never compresses an event stream: the first event arrives as it is sent', async () => {
    const user = await chatUser(ts);
    const stream = await rawGet(`${ts.url}/trpc/human.events.stream`, {
      'accept-encoding': 'gzip, br',
      accept: 'text/event-stream',
      'x-api-key': user.key,
    });
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(stream.headers['content-encoding']).toBeUndefined();
    expect(stream.first.toString()).toMatch(/^(event|data|:|id|retry)/m);
  });
});
