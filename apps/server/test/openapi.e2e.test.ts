import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness/testServer.js';

const rootVersion = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

let ts: TestServer;
let doc: {
  openapi: string;
  paths: Record<
    string,
    Record<string, { operationId: string; responses: Record<string, unknown>; security?: unknown }>
  >;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
};
beforeAll(async () => {
  ts = await startTestServer();
  doc = (await (await fetch(`${ts.url}/api/v1/openapi.json`)).json()) as typeof doc;
});
afterAll(async () => ts?.close());

describe('our OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc as never);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\.1\./);
  });

  it('tells the truth about statuses, errors and security', () => {
    const register = doc.paths['/me/agents/register']?.post;
    expect(register?.operationId).toBe('registerMyAgent');
    expect(Object.keys(register?.responses ?? {})).toEqual(['201', '400', '401', '403', '409', '422', '429', '500']);
    const me = doc.paths['/agent/me']?.get;
    expect(Object.keys(me?.responses ?? {})).toEqual(['200', '400', '401', '403', '422', '429', '500']);
    expect(me?.security).toEqual([{ ApiKeyAuth: [] }, { bearerAuth: [] }]);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['ApiKeyAuth', 'bearerAuth']);
    expect(doc.components.schemas.Error).toBeTruthy();
  });

  it('documents the Parley extensions: leased claims, dead letters, the Idempotency-Key header', () => {
    const paths = doc.paths as Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    for (const path of ['/agent/inbox/claim', '/agent/inbox/ack', '/agent/inbox/fail', '/agent/inbox/extend']) {
      expect(paths[path]?.post, path).toBeTruthy();
    }
    expect(paths['/me/agents/{id}/dead-letters']?.get).toBeTruthy();
    expect(paths['/me/agents/{id}/dead-letters/{message_id}/retry']?.post).toBeTruthy();
    expect(paths['/me/agents/{id}/inbox-settings']?.put).toBeTruthy();
    const send = paths['/me/chats/{chat_id}/messages']?.post;
    expect(send?.parameters?.some((p) => p.name === 'Idempotency-Key' && p.in === 'header')).toBe(true);
    expect(Object.keys(doc.paths['/agent/inbox/claim']?.post?.responses ?? {})).toContain('409');
    // Reads take no key.
    expect(paths['/me/chats/{chat_id}/messages']?.get?.parameters?.some((p) => p.name === 'Idempotency-Key')).toBe(
      false,
    );
  });

  it('documents the room rename for people and the platform models list (Parley extensions)', () => {
    const rename = doc.paths['/me/chats/{id}']?.patch;
    expect(rename?.operationId).toBe('renameMyChatRoom');
    expect(Object.keys(rename?.responses ?? {})).toEqual(expect.arrayContaining(['200', '403', '404', '422']));
    const models = doc.paths['/me/platform-models']?.get;
    expect(models?.operationId).toBe('listPlatformModels');
    expect(Object.keys(models?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '503']));
  });

  it('carries the version, licence, contact and a description of every tag', () => {
    const info = (doc as unknown as { info: Record<string, unknown> }).info;
    expect(info.version).toBe(rootVersion);
    expect(info.license).toEqual({ name: 'Apache-2.0', identifier: 'Apache-2.0' });
    expect(info.contact).toMatchObject({ name: expect.any(String) });
    const tags = (doc as unknown as { tags: { name: string; description?: string }[] }).tags;
    const used = new Set(
      Object.values(doc.paths).flatMap((item) =>
        Object.values(item).flatMap((op) => (op as { tags?: string[] }).tags ?? []),
      ),
    );
    expect(tags.map((t) => t.name).sort()).toEqual([...used].sort());
    for (const tag of tags) expect(tag.description, tag.name).toBeTruthy();
  });

  it('has no schema nothing refers to, and none of the generator’s default error bodies', () => {
    const text = JSON.stringify(doc.paths);
    const schemas = Object.keys(doc.components.schemas);
    expect(schemas.filter((name) => name.startsWith('error.'))).toEqual([]);
    // Every schema is reached from some operation, directly or through another schema.
    const all = JSON.stringify(doc);
    for (const name of schemas) {
      expect(all.includes(`"#/components/schemas/${name}"`), name).toBe(true);
    }
    expect(text).not.toContain('"issues"');
  });

  it('serves the Parley API reference at /docs from this server alone', async () => {
    const page = await fetch(`${ts.url}/docs/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<title>Parley API reference</title>');
    // Not Swagger UI with Fastify's logo (the integration's name in Scalar's settings is no logo).
    expect(html.toLowerCase()).not.toContain('swagger');
    expect(html).not.toMatch(/logo/i);
    // Nothing is fetched from elsewhere: no absolute URL in any src or href, fonts and telemetry off.
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(html).toContain('/api/v1/openapi.json');
    expect(html).toMatch(/"withDefaultFonts":\s*false/);
    expect(html).toMatch(/"telemetry":\s*false/);
    expect(html).toMatch(/"agent":\s*\{\s*"disabled":\s*true/);
    const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(script).not.toMatch(/^(https?:)?\/\//);
    const js = await fetch(new URL(script, `${ts.url}/docs/`));
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });
});
