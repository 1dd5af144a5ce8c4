import { fileURLToPath } from 'node:url';
import { runAdminCommand } from '@parley/core/admin/runAdminCommand';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../server/test/harness/fixtures.js';
import { startTestServer, type TestServer } from '../../server/test/harness/testServer.js';
import { openBrowser, runBrowserTests, screenshot } from './harness/browser.js';

/**
 * `pnpm dev`'s web half: Vite's dev server with this app's config, in front of a real Parley
 * server. It serves the app with hot reload and proxies /api, /trpc, /docs and /healthz, keeping
 * the Host header so a signed-in browser's cookie-authenticated changes pass the Origin check.
 */
const CONFIG = fileURLToPath(new URL('../vite.config.ts', import.meta.url));
let ts: TestServer;
let vite: ViteDevServer;
let web: string;

beforeAll(async () => {
  ts = await startTestServer();
  process.env.PARLEY_API_URL = ts.url;
  vite = await createServer({
    configFile: CONFIG,
    root: fileURLToPath(new URL('..', import.meta.url)),
    logLevel: 'silent',
    server: { port: 0, strictPort: false, host: '127.0.0.1' },
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('vite is not listening');
  web = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  delete process.env.PARLEY_API_URL;
  await vite?.close();
  await ts?.close();
});

describe('the Vite dev server of pnpm dev', () => {
  it('serves the app with hot reload on app routes', async () => {
    for (const path of ['/', '/rooms/123', '/agents']) {
      const page = await fetch(`${web}${path}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('/@vite/client');
      expect(html).toContain('/@react-refresh');
    }
  });

  it('proxies /healthz, /api, /docs and /trpc to the Parley server', async () => {
    const health = await fetch(`${web}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const unauthorized = await fetch(`${web}/api/v1/me/profile`);
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await fetch(`${web}/api/v1/openapi.json`)).status).toBe(200);
    expect((await fetch(`${web}/docs`, { redirect: 'manual' })).status).toBeLessThan(400);
    const { apiKey } = await makeUser(ts.server.deps);
    const profile = await fetch(`${web}/trpc/human.profile.get`, { headers: { 'x-api-key': apiKey } });
    expect(profile.status).toBe(200);
  });

  it('keeps the Host header: a session cookie from Vite’s origin may make changes there', async () => {
    const { user } = await makeUser(ts.server.deps);
    const password = 'a long enough password';
    await runAdminCommand(
      ts.server.deps,
      { command: 'users.set-password', handle: user.handle, password },
      async () => [],
    );
    const signIn = await fetch(`${web}/trpc/human.session.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: web },
      body: JSON.stringify({ email: user.email, password }),
    });
    expect(signIn.status, await signIn.clone().text()).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/=/);
    const create = (origin: string) =>
      fetch(`${web}/trpc/human.chats.create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, cookie },
        body: JSON.stringify({ chat: { title: 'From the dev server' } }),
      });
    expect((await create(web)).status).toBe(200);
    // Another site's page may not use the cookie.
    expect((await create('https://elsewhere.example')).status).toBe(403);
  });

  it.skipIf(!runBrowserTests)('runs the app from source in Chromium: a sign-in link opens it signed in', async () => {
    const { user } = await makeUser(ts.server.deps, { firstName: 'Dev' });
    const link = await runAdminCommand(
      ts.server.deps,
      { command: 'users.login-link', handle: user.handle },
      async () => [],
    );
    const person = await openBrowser();
    try {
      await person.page.goto(`${web}${String(link.path)}`);
      await person.page.getByRole('heading', { name: 'Rooms' }).waitFor({ timeout: 60_000 });
      await person.page.getByPlaceholder('New room title (optional)').fill('Made in dev');
      await person.page.getByRole('button', { name: 'Create room' }).click();
      await person.page.getByRole('heading', { name: 'Made in dev' }).waitFor();
      await screenshot(person.page, 'dev-server-room');
    } finally {
      await person.close();
    }
  });
});
