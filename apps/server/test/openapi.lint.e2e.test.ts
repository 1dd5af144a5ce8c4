import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness/testServer.js';

let ts: TestServer;
let source: string;
beforeAll(async () => {
  ts = await startTestServer();
  source = await (await fetch(`${ts.url}/api/v1/openapi.json`)).text();
});
afterAll(async () => ts?.close());

describe('the served OpenAPI document under Redocly’s recommended rules', () => {
  it('has no errors (warnings are listed)', async () => {
    const config = await createConfig({
      extends: ['recommended-strict'],
      rules: { 'operation-tag-defined': 'error', 'tag-description': 'error', 'info-contact': 'error' },
    });
    const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
    const describe = (p: (typeof problems)[number]) =>
      `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`;
    const warnings = problems.filter((p) => p.severity === 'warn');
    if (warnings.length > 0) console.info(`Redocly warnings:\n${warnings.map(describe).join('\n')}`);
    expect(problems.filter((p) => p.severity === 'error').map(describe)).toEqual([]);
  });
});
