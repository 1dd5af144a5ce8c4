import { runAdminCommand } from '@parley/core/admin/runAdminCommand';
import { createAgentClient, runAgent } from '@parley/sdk';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../server/test/harness/fixtures.js';
import { startTestServer, type TestServer } from '../../server/test/harness/testServer.js';
import { openBrowser, type Person, runBrowserTests, screenshot } from './harness/browser.js';
import { DropProxy } from './harness/dropProxy.js';
import { ensureWebBuild, WEB_DIST } from './harness/webBuild.js';

/**
 * The web app in Debian's Chromium against a real server on a real database (PGlite, or the
 * PostgreSQL of DATABASE_URL): sign-in, rooms, an agent run with the SDK answering live, a second
 * person watching live, contacts, keyboard-only sending; a screenshot of each page.
 */
const PASSWORD = 'a long enough password';
const noMigrate = async () => [];
let ts: TestServer;
let ada: Person;
let bob: Person;
let org: string;
let users: { ada: { handle: string; email: string }; bob: { handle: string; email: string } };
const stopAgents = new AbortController();

async function loginLink(handle: string): Promise<string> {
  const link = await runAdminCommand(ts.server.deps, { command: 'users.login-link', handle }, noMigrate);
  return `${ts.url}${String(link.path)}`;
}

async function signInWithPassword(page: Page, email: string, password: string) {
  await page.goto(`${ts.url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe.skipIf(!runBrowserTests)('the web app in Chromium', () => {
  beforeAll(async () => {
    ensureWebBuild();
    ts = await startTestServer({ PARLEY_WEB_DIR: WEB_DIST });
    org = `web-${Date.now().toString(36)}`;
    const a = await makeUser(ts.server.deps, { org, handle: `ada-${org}`, firstName: 'Ada' });
    const b = await makeUser(ts.server.deps, { org, handle: `bob-${org}`, firstName: 'Bob' });
    users = { ada: a.user, bob: b.user };
    await runAdminCommand(
      ts.server.deps,
      { command: 'users.set-password', handle: b.user.handle, password: PASSWORD },
      noMigrate,
    );
    [ada, bob] = await Promise.all([openBrowser(), openBrowser({ width: 390, height: 844 })]);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    const name = ctx.task.name.replace(/\W+/g, '-').slice(0, 40);
    await screenshot(ada.page, `failed-${name}-ada`).catch(() => {});
    await screenshot(bob.page, `failed-${name}-bob`).catch(() => {});
  });
  afterAll(async () => {
    stopAgents.abort();
    await Promise.all([ada?.close(), bob?.close()]);
    await ts?.close();
  });

  it('signs in with a one-time link, which works only once', async () => {
    const link = await loginLink(users.ada.handle);
    await ada.page.goto(link);
    await expect.poll(() => ada.page.getByRole('heading', { name: 'Rooms' }).isVisible()).toBe(true);
    expect(new URL(ada.page.url()).hash).toBe('');
    await screenshot(ada.page, 'rooms-empty');
    // The same link again, in another browser: refused in words.
    const stranger = await openBrowser();
    try {
      await stranger.page.goto(link);
      await stranger.page.getByText('This sign-in link has been used or has expired').waitFor();
      await screenshot(stranger.page, 'sign-in-link-used');
    } finally {
      await stranger.close();
    }
  });

  it('refuses a wrong password, signs in with the right one, and signs out', async () => {
    await signInWithPassword(bob.page, users.bob.email, 'not my password');
    await bob.page.getByRole('alert').getByText('That email and password do not match an account').waitFor();
    await screenshot(bob.page, 'sign-in-refused');
    await bob.page.getByLabel('Password').fill(PASSWORD);
    await bob.page.getByRole('button', { name: 'Sign in' }).click();
    await bob.page.getByRole('heading', { name: 'Rooms' }).waitFor();
    await bob.page.getByRole('button', { name: 'Sign out' }).click();
    await bob.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // Signed out for real: the app asks again after a reload.
    await bob.page.goto(`${ts.url}/`);
    await bob.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(bob.page, 'sign-in');
    await signInWithPassword(bob.page, users.bob.email, PASSWORD);
    await bob.page.getByRole('heading', { name: 'Rooms' }).waitFor();
  });

  let roomUrl = '';
  let agentName = '';

  it('creates a room, registers an agent, runs it with runAgent, and shows its reply and status live', async () => {
    const page = ada.page;
    await page.getByPlaceholder('New room title (optional)').fill('Launch plan');
    await page.getByRole('button', { name: 'Create room' }).click();
    await page.getByRole('heading', { name: 'Launch plan' }).waitFor();
    roomUrl = page.url();

    await page.getByRole('link', { name: 'Agents' }).click();
    agentName = 'Helper';
    const register = page.getByRole('form', { name: 'Register an agent' });
    await register.getByLabel('Name').fill(agentName);
    await register.getByLabel('What it does').fill('Summarizes and plans');
    await page.getByRole('button', { name: 'Register agent' }).click();
    const key = (await page.getByTestId('secret-value').textContent()) ?? '';
    expect(key).toMatch(/^thnv_a_/);
    await screenshot(page, 'agents');

    void runAgent({
      client: createAgentClient({ baseUrl: ts.url, apiKey: key }),
      signal: stopAgents.signal,
      maxAttempts: 1,
      onError: () => {},
      onMessage: async (message, ctx) => {
        await ctx.event('thought', `Reading: ${message.content}`);
        if (message.content.includes('explode')) throw new Error('the tool exploded');
        await ctx.reply(`Plan ready for: ${message.content.replace(/@\S+\s*/g, '').trim()}`);
      },
    });

    await page.goto(roomUrl);
    await page.getByRole('button', { name: /People/ }).click();
    const add = page.getByLabel('Add someone');
    await expect.poll(async () => (await add.locator('option').allTextContents()).join('|')).toContain(agentName);
    const indexOf = async (prefix: string) =>
      (await add.locator('option').allTextContents()).findIndex((t) => t.startsWith(prefix));
    await add.selectOption({ index: await indexOf(agentName) });
    await page.getByRole('button', { name: 'Add to room' }).click();
    await page.locator('.person', { hasText: agentName }).waitFor();
    await expect.poll(async () => (await add.locator('option').allTextContents()).join('|')).toContain('Bob');
    await add.selectOption({ index: await indexOf('Bob') });
    await page.getByRole('button', { name: 'Add to room' }).click();
    await page.locator('.person', { hasText: 'Bob' }).waitFor();

    // Bob opens the room too and watches it live.
    await bob.page.goto(roomUrl);
    await bob.page.getByRole('heading', { name: 'Launch plan' }).waitFor();

    const box = page.locator('.composer textarea');
    await box.fill('');
    await box.pressSequentially('@Hel');
    await page.getByRole('option', { name: /Helper/ }).waitFor();
    await box.press('Enter');
    await box.pressSequentially('the launch checklist');
    await box.press('Enter');
    await page.getByText('Plan ready for: the launch checklist').waitFor();
    const mine = page.getByTestId('message').filter({ hasText: 'the launch checklist' }).first();
    await mine.locator('[data-testid="delivery"][data-status="processed"]').waitFor();
    await expect.poll(() => mine.getByText('1 agent event').isVisible()).toBe(true);
    await bob.page.getByText('Plan ready for: the launch checklist').waitFor();
    await screenshot(page, 'room');
    await screenshot(bob.page, 'room-phone');
  });

  it('shows a failed delivery with the agent’s error', async () => {
    const page = ada.page;
    const box = page.locator('.composer textarea');
    await box.pressSequentially('@Hel');
    await box.press('Enter');
    await box.pressSequentially('please explode');
    await box.press('Enter');
    const sent = page.getByTestId('message').filter({ hasText: 'please explode' }).first();
    await sent.locator('[data-testid="delivery"][data-status="failed"]').waitFor();
    await sent.getByText('the tool exploded').waitFor();
    await screenshot(page, 'room-failed');
  });

  it('keeps the draft and says why when a message is refused', async () => {
    const page = ada.page;
    const box = page.locator('.composer textarea');
    await box.fill('nobody is mentioned here');
    await box.press('Enter');
    await page.getByRole('alert').getByText('Mention at least one participant').waitFor();
    expect(await box.inputValue()).toBe('nobody is mentioned here');
    await box.fill('');
  });

  it('sends a message with the keyboard only', async () => {
    const page = bob.page;
    await page.goto(roomUrl);
    await page.getByRole('heading', { name: 'Launch plan' }).waitFor();
    for (let i = 0; i < 40; i++) {
      if (
        await page.evaluate(
          () =>
            document.activeElement?.getAttribute('aria-label') === null &&
            document.activeElement?.tagName === 'TEXTAREA',
        )
      )
        break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type(`@ada`);
    await page.keyboard.press('Enter');
    await page.keyboard.type('sent without a mouse');
    await page.keyboard.press('Enter');
    await ada.page.getByText(`@${users.ada.handle} sent without a mouse`).waitFor();
  });

  it('renames the room with the keyboard (owner only); the other person sees the new title live', async () => {
    const page = ada.page;
    await page.goto(roomUrl);
    await page.getByRole('heading', { name: 'Launch plan', exact: true }).waitFor();
    await bob.page.getByRole('link', { name: 'Rooms' }).click();
    await bob.page.getByRole('link', { name: /Launch plan/ }).waitFor();
    const rename = page.getByRole('button', { name: 'Rename' });
    const focused = (locator: typeof rename) => locator.evaluate((el) => el === document.activeElement);
    await rename.focus();
    await page.keyboard.press('Enter');
    const field = page.getByLabel('Room title');
    await expect.poll(() => focused(field)).toBe(true);
    expect(await field.inputValue()).toBe('Launch plan');
    // Escape gives up and puts the focus back on the button.
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(rename)).toBe(true);
    await page.keyboard.press('Enter');
    // A blank title is refused in words; the draft stays.
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('   ');
    await page.keyboard.press('Enter');
    await page.getByRole('form', { name: 'Rename this room' }).getByRole('alert').waitFor();
    expect(await field.inputValue()).toBe('   ');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Launch plan, second week');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Launch plan, second week' }).waitFor();
    await expect.poll(() => focused(rename)).toBe(true);
    await screenshot(page, 'room-renamed');
    // Bob's room list changes live; in the room, a member has no rename control.
    await bob.page.getByRole('link', { name: /Launch plan, second week/ }).waitFor();
    await bob.page.getByRole('link', { name: /Launch plan, second week/ }).click();
    await bob.page.getByRole('heading', { name: 'Launch plan, second week' }).waitFor();
    expect(await bob.page.getByRole('button', { name: 'Rename' }).count()).toBe(0);
    // And his open room's header too.
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('Room title').fill('Launch plan, final');
    await page.getByRole('button', { name: 'Save' }).click();
    await bob.page.getByRole('heading', { name: 'Launch plan, final' }).waitFor();
  });

  it('shows a banner while the live stream is down and loses nothing when it is back', async () => {
    // Ada's second browser reaches the server through a relay the test can cut.
    const relay = await new DropProxy(new URL(ts.url)).start();
    const away = await openBrowser();
    try {
      await away.page.goto((await loginLink(users.ada.handle)).replace(ts.url, relay.url));
      await away.page.getByRole('heading', { name: 'Rooms' }).waitFor();
      await away.page.goto(roomUrl.replace(ts.url, relay.url));
      await away.page.getByRole('heading', { name: 'Launch plan, final' }).waitFor();
      const bobSays = async (text: string) => {
        const box = bob.page.locator('.composer textarea');
        await box.pressSequentially('@ada');
        await box.press('Enter');
        await box.pressSequentially(text);
        await box.press('Enter');
        // In the list, not the composer: until the send settles, the draft holds the same text.
        await bob.page.getByTestId('message').filter({ hasText: text }).first().waitFor();
        await expect.poll(() => box.inputValue()).toBe('');
      };
      // Live first: a message arrives without a reload.
      await bobSays('before the outage');
      await away.page.getByText('before the outage').waitFor();
      const banner = away.page.getByText('Reconnecting to live updates');
      expect(await banner.count()).toBe(0);

      relay.cut();
      await banner.waitFor();
      await bobSays('sent during the outage');
      await bobSays('also sent during the outage');
      await screenshot(away.page, 'reconnecting');
      expect(await away.page.getByText('sent during the outage').count()).toBe(0);

      relay.restore();
      await away.page.getByText('also sent during the outage').waitFor({ timeout: 30_000 });
      await away.page.getByText('sent during the outage', { exact: false }).first().waitFor();
      await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(0);
      // Each once, in order, after the message before the outage.
      const texts = await away.page.getByTestId('message').allTextContents();
      const order = ['before the outage', 'sent during the outage', 'also sent during the outage'].map((t) =>
        texts.findIndex((m) => m.includes(t) && (t !== 'sent during the outage' || !m.includes('also'))),
      );
      expect(order.every((i) => i >= 0)).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(texts.filter((m) => m.includes('also sent during the outage'))).toHaveLength(1);
    } finally {
      await away.close();
      await relay.stop();
    }
  });

  it('runs the contacts flow between two people', async () => {
    const carol = await makeUser(ts.server.deps, { handle: `carol-${org}`, firstName: 'Carol' });
    const carolBrowser = await openBrowser();
    try {
      await ada.page.getByRole('link', { name: 'Contacts' }).click();
      await ada.page.getByLabel('Handle').fill(carol.user.handle);
      await ada.page.getByLabel('Note (optional)').fill('Let us work together');
      await ada.page.getByRole('button', { name: 'Send request' }).click();
      await ada.page
        .getByRole('list', { name: 'Requests you sent' })
        .getByText(`@${carol.user.handle}`, { exact: true })
        .waitFor();

      await carolBrowser.page.goto(await loginLink(carol.user.handle));
      await carolBrowser.page.getByRole('link', { name: 'Contacts' }).click();
      const request = carolBrowser.page.getByRole('list', { name: 'Requests for you' });
      await request.getByText('Let us work together').waitFor();
      await screenshot(carolBrowser.page, 'contacts-request');
      await request.getByRole('button', { name: 'Approve' }).click();
      await carolBrowser.page
        .getByRole('list', { name: 'Your contacts' })
        .getByText(`@${users.ada.handle}`, { exact: true })
        .waitFor();
      // Ada's page learns of it live.
      await ada.page
        .getByRole('list', { name: 'Your contacts' })
        .getByText(`@${carol.user.handle}`, { exact: true })
        .waitFor();
      await screenshot(ada.page, 'contacts');
      await ada.page.getByRole('list', { name: 'Your contacts' }).getByRole('button', { name: 'Remove' }).click();
      await ada.page.getByText('No contacts yet').waitFor();
    } finally {
      await carolBrowser.close();
    }
  });

  it('shows memories, profile and settings; creates and revokes an API key', async () => {
    const page = ada.page;
    await page.getByRole('link', { name: 'Memories' }).click();
    await page.getByText('Nothing remembered here').waitFor();
    await screenshot(page, 'memories');
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByLabel('Last name').fill('Lovelace');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await screenshot(page, 'profile');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByPlaceholder('What is it for? (optional)').fill('deploy script');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('secret-value').textContent()) ?? '';
    expect(key).toMatch(/^thnv_u_/);
    await page.getByText('deploy script').waitFor();
    await screenshot(page, 'settings');
    const response = await fetch(`${ts.url}/api/v1/me/profile`, { headers: { 'x-api-key': key } });
    expect(response.status).toBe(200);
    await page
      .getByRole('row', { name: /deploy script/ })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await expect.poll(() => page.getByText('deploy script').count()).toBe(0);
    expect((await fetch(`${ts.url}/api/v1/me/profile`, { headers: { 'x-api-key': key } })).status).toBe(401);
    await page.getByRole('link', { name: 'Rooms' }).click();
    await page.getByRole('link', { name: /Launch plan/ }).waitFor();
    await screenshot(page, 'rooms');
  });
});
