import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness/testServer.js';

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

  it('serves the reference page at /docs', async () => {
    const page = await fetch(`${ts.url}/docs/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });
});
