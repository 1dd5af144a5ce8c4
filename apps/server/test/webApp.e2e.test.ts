import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness/testServer.js';

let ts: TestServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>Parley</title><script type="module" src="/assets/app-1.js"></script>',
  );
  writeFileSync(join(dir, 'assets', 'app-1.js'), 'console.log("app")');
  ts = await startTestServer({ PARLEY_WEB_DIR: dir });
});
afterAll(async () => {
  await ts?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web app at /', () => {
  it('answers index.html for the app routes, with a strict CSP and no caching', async () => {
    for (const path of [
      '/',
      '/sign-in',
      '/sign-in/link',
      '/rooms/3f1c2b9e-0000-4000-8000-000000000000',
      '/agents',
      '/settings',
    ]) {
      const response = await fetch(`${ts.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toContain('<title>Parley</title>');
    }
  });

  it('serves hashed assets with a long cache', async () => {
    const response = await fetch(`${ts.url}/assets/app-1.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(await response.text()).toContain('console.log');
  });

  it('keeps the API, docs and health answers and their 404s', async () => {
    const health = await fetch(`${ts.url}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    for (const path of ['/api/v1/nope', '/trpc/nope', '/assets/missing.js', '/not-an-app-page', '/rooms']) {
      const response = await fetch(`${ts.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toMatch(/json/);
    }
    const unauth = await fetch(`${ts.url}/api/v1/me/profile`);
    expect(unauth.status).toBe(401);
    const docs = await fetch(`${ts.url}/docs`, { redirect: 'manual' });
    expect(docs.status).toBeLessThan(400);
  });
});
