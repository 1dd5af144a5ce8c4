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

  it('serves the reference page at /docs', async () => {
    const page = await fetch(`${ts.url}/docs/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });
});
