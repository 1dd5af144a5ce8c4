import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRestError } from './harness/expectError.js';
import { makeUser } from './harness/fixtures.js';
import { restClient } from './harness/http.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectVendorError, expectVendorShape } from './harness/vendorContract.js';

let ts: TestServer;
let api: ReturnType<typeof restClient>;
let key: string;
beforeAll(async () => {
  ts = await startTestServer();
  api = restClient(ts.url);
  key = (await makeUser(ts.server.deps, { firstName: 'Kept' })).apiKey;
});
afterAll(async () => ts?.close());

async function firstNameNow() {
  const r = await api.get<{ data: { first_name?: string } }>('/me/profile', { key });
  return r.body.data.first_name;
}

describe('strict bodies', () => {
  it('an unknown top-level property → 400 unknown_property with its pointer, nothing written', async () => {
    const response = await api.put('/me/profile', { key, body: { user: { first_name: 'New' }, admin: true } });
    const error = expectRestError(response, 400, 'unknown_property');
    expect(error.details).toEqual({ unknown_properties: ['/admin'] });
    expectVendorError(response);
    expect(await firstNameNow()).toBe('Kept');
  });

  it('an unknown nested property → 400 listing every pointer', async () => {
    const response = await api.post('/me/agents/register', {
      key,
      body: { agent: { name: 'x', description: 'y', owner_id: 'me', tags: [] } },
    });
    const error = expectRestError(response, 400, 'unknown_property');
    expect([...((error.details?.unknown_properties as string[] | undefined) ?? [])].sort()).toEqual([
      '/agent/owner_id',
      '/agent/tags',
    ]);
    const agents = await api.get<{ data: unknown[] }>('/me/agents', { key });
    expect(agents.body.data).toEqual([]);
  });

  it('malformed JSON → 400 bad_request', async () => {
    const response = await api.put('/me/profile', { key, rawBody: '{"user": {"first_name": "x"' });
    expectRestError(response, 400, 'bad_request');
    expectVendorError(response);
  });

  it('a body that is not an object → 400 bad_request', async () => {
    for (const rawBody of ['"just a string"', '[1,2]', '42', 'null']) {
      expectRestError(await api.put('/me/profile', { key, rawBody }), 400, 'bad_request');
    }
  });

  it('wrong types → 422 validation_error keyed by JSON pointer', async () => {
    const response = await api.post('/me/agents/register', { key, body: { agent: { name: ['x'], description: 7 } } });
    const error = expectRestError(response, 422, 'validation_error');
    expectVendorShape('registerMyAgent', response);
    expect(Object.keys(error.details ?? {}).sort()).toEqual(['/agent/description', '/agent/name']);
    for (const messages of Object.values(error.details ?? {})) expect(Array.isArray(messages)).toBe(true);
  });

  it('a missing wrapper object → 422', async () => {
    const response = await api.put('/me/profile', { key, body: {} });
    const error = expectRestError(response, 422, 'validation_error');
    expect(Object.keys(error.details ?? {})).toEqual(['/user']);
  });

  it('a body over 1 MiB → 413 payload_too_large', async () => {
    const response = await api.put('/me/profile', {
      key,
      body: { user: { first_name: 'x'.repeat(1024 * 1024 + 10) } },
    });
    expectRestError(response, 413, 'payload_too_large');
    expect(await firstNameNow()).toBe('Kept');
  });

  it('a non-JSON content type → 415', async () => {
    const response = await api.put('/me/profile', {
      key,
      rawBody: 'first_name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expectRestError(response, 415, 'unsupported_media_type');
  });
});

describe('the error envelope', () => {
  it('an unknown API route → 404 in the same shape', async () => {
    expectRestError(await api.get('/me/nothing-here', { key }), 404, 'not_found');
    expectRestError(await api.post('/agent/me', { key, body: {} }), 404, 'not_found');
    const outside = await fetch(`${ts.url}/nope`);
    const body = (await outside.json()) as { error: { code: string; request_id: string } };
    expect(outside.status).toBe(404);
    expect(body.error.code).toBe('not_found');
    expect(body.error.request_id).toBe(outside.headers.get('x-request-id'));
  });

  it('echoes a valid X-Request-ID and replaces an invalid one', async () => {
    const mine = await api.get('/me/profile', { headers: { 'x-request-id': 'trace-abc.123' } });
    expect(mine.headers.get('x-request-id')).toBe('trace-abc.123');
    expect((mine.body as { error: { request_id: string } }).error.request_id).toBe('trace-abc.123');
    const bad = await api.get('/me/profile', { key, headers: { 'x-request-id': 'has spaces and <tags>' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('never leaks internals: a failing query is a generic 500', async () => {
    // Break the database under the server: a query on a dropped table must not surface its SQL.
    const { sql } = await import('kysely');
    const db = ts.server.deps.db;
    await sql`alter table users rename to users_gone`.execute(db);
    try {
      const response = await api.get('/me/profile', { key });
      const error = expectRestError(response, 500, 'internal_error');
      expect(error.message).toBe('Internal server error');
      expect(response.text).not.toMatch(/users|relation|select|stack/i);
    } finally {
      await sql`alter table users_gone rename to users`.execute(db);
    }
  });
});

describe('health', () => {
  it('/healthz and /readyz', async () => {
    expect((await fetch(`${ts.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${ts.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});
