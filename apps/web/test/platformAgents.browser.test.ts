import { runAdminCommand } from '@parley/core/admin/runAdminCommand';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeModelProvider, textAnswer } from '../../server/test/harness/fakeModelProvider.js';
import { makeUser } from '../../server/test/harness/fixtures.js';
import { startTestServer, type TestServer } from '../../server/test/harness/testServer.js';
import { openBrowser, type Person, runBrowserTests, screenshot } from './harness/browser.js';
import { ensureWebBuild, WEB_DIST } from './harness/webBuild.js';

/**
 * Platform agents in the web app (issue 15) against a real server whose model provider is a fake
 * OpenAI-compatible server on a local port: create one on the Agents page with a model the
 * operator allows, edit its settings, add it to a room, mention it, and its answer appears live.
 * A server without a provider says so on the page.
 */
let fake: FakeModelProvider;
let ts: TestServer;
let bare: TestServer;
let ada: Person;

async function signIn(person: Person, server: TestServer, handle: string) {
  const link = await runAdminCommand(server.server.deps, { command: 'users.login-link', handle }, async () => []);
  await person.page.goto(`${server.url}${String(link.path)}`);
  await person.page.getByRole('heading', { name: 'Rooms' }).waitFor();
}

describe.skipIf(!runBrowserTests)('platform agents in the web app', () => {
  beforeAll(async () => {
    ensureWebBuild();
    fake = await new FakeModelProvider().start();
    ts = await startTestServer({
      PARLEY_WEB_DIR: WEB_DIST,
      PARLEY_LLM_BASE_URL: fake.baseUrl,
      PARLEY_LLM_MODELS: 'small-model,big-model',
      PARLEY_LLM_API_KEY: 'sk-browser-test-secret',
      PARLEY_LLM_RETRY_DELAY_MS: '100',
      PARLEY_PLATFORM_AGENTS_SCAN_MS: '100',
    });
    bare = await startTestServer({ PARLEY_WEB_DIR: WEB_DIST });
    ada = await openBrowser();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(ada.page, 'failed-platform-agents').catch(() => {});
  });
  afterAll(async () => {
    await ada?.close();
    await ts?.close();
    await bare?.close();
    await fake?.stop();
  });

  it('creates a platform agent, edits it, and it answers a mention live', async () => {
    const { user } = await makeUser(ts.server.deps, { firstName: 'Ada' });
    await signIn(ada, ts, user.handle);
    const page = ada.page;
    await page.getByRole('link', { name: 'Agents' }).click();
    const form = page.getByRole('form', { name: 'Create a platform agent' });
    const model = form.getByLabel(/^Model/);
    await expect
      .poll(async () => (await model.locator('option').allTextContents()).join('|'))
      .toBe('small-model (default)|big-model');
    await form.getByLabel('Name').fill('Scout');
    await form.getByLabel('Description').fill('Finds things out');
    await form.getByLabel('Instructions').fill('You are a careful scout.');
    await model.selectOption('big-model');
    await form.getByLabel(/Longest answer/).fill('300');
    await form.getByRole('button', { name: 'Create platform agent' }).click();
    const scout = page.getByTestId('agent').filter({ hasText: 'Scout' });
    await scout.getByText('platform · big-model').waitFor();
    expect(await scout.getAttribute('data-kind')).toBe('platform');
    // An external one beside it, told apart in the list.
    const register = page.getByRole('form', { name: 'Register an agent' });
    await register.getByLabel('Name').fill('Runner');
    await register.getByRole('button', { name: 'Register agent' }).click();
    const runner = page.getByTestId('agent').filter({ hasText: 'Runner' });
    await runner.getByText('external', { exact: true }).waitFor();
    expect(await runner.getByRole('button', { name: 'Rotate key' }).count()).toBe(1);
    expect(await scout.getByRole('button', { name: 'Rotate key' }).count()).toBe(0);

    // Edit its settings; they show again when the editor is reopened.
    await scout.getByRole('button', { name: 'Edit Scout' }).click();
    const settings = page.getByRole('form', { name: 'Settings of Scout' });
    expect(await settings.getByLabel('Instructions').inputValue()).toBe('You are a careful scout.');
    expect(await settings.getByLabel(/Longest answer/).inputValue()).toBe('300');
    await settings.getByLabel('Instructions').fill('You are a careful scout. Answer in one line.');
    await settings.getByLabel(/Temperature/).fill('0.4');
    await settings.getByLabel(/Top p/).fill('0.85');
    await settings.getByLabel(/^Model/).selectOption('small-model');
    await screenshot(page, 'agents-platform-edit');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await scout.getByText('platform · small-model').waitFor();
    await scout.getByRole('button', { name: 'Edit Scout' }).click();
    expect(await settings.getByLabel(/Temperature/).inputValue()).toBe('0.4');
    expect(await settings.getByLabel(/Top p/).inputValue()).toBe('0.85');
    await settings.getByRole('button', { name: 'Cancel' }).click();
    await screenshot(page, 'agents-platform');

    // Into a room, mentioned: its answer appears live and the delivery ends processed.
    fake.fallback = textAnswer('Scout here: three leads found.');
    await page.getByRole('link', { name: 'Rooms' }).click();
    await page.getByPlaceholder('New room title (optional)').fill('Research');
    await page.getByRole('button', { name: 'Create room' }).click();
    await page.getByRole('heading', { name: 'Research' }).waitFor();
    await page.getByRole('button', { name: /People/ }).click();
    const add = page.getByLabel('Add someone');
    await expect.poll(async () => (await add.locator('option').allTextContents()).join('|')).toContain('Scout');
    const options = await add.locator('option').allTextContents();
    await add.selectOption({ index: options.findIndex((t) => t.startsWith('Scout')) });
    await page.getByRole('button', { name: 'Add to room' }).click();
    await page.locator('.person', { hasText: 'Scout' }).waitFor();
    const box = page.locator('.composer textarea');
    await box.pressSequentially('@Sco');
    await page.getByRole('option', { name: /Scout/ }).waitFor();
    await box.press('Enter');
    await box.pressSequentially('what did you find?');
    await box.press('Enter');
    await page.getByText('Scout here: three leads found.').waitFor();
    const mine = page.getByTestId('message').filter({ hasText: 'what did you find?' }).first();
    await mine.locator('[data-testid="delivery"][data-status="processed"]').waitFor();
    await screenshot(page, 'room-platform-agent');

    // The model got the edited settings.
    const call = fake.requests.at(-1);
    expect(call?.body.model).toBe('small-model');
    expect(call?.body.temperature).toBe(0.4);
    expect(call?.body.top_p).toBe(0.85);
    expect(call?.body.max_tokens).toBe(300);
    expect(call?.body.messages[0]?.content).toContain('Answer in one line.');
    expect(call?.body.messages.at(-1)?.content).toContain('what did you find?');
  });

  it('says in words that the server has no model provider', async () => {
    const { user } = await makeUser(bare.server.deps, { firstName: 'Ada' });
    const person = await openBrowser();
    try {
      await signIn(person, bare, user.handle);
      await person.page.getByRole('link', { name: 'Agents' }).click();
      const form = person.page.getByRole('form', { name: 'Create a platform agent' });
      await form.getByRole('alert').getByText('This Parley has no model provider').waitFor();
      expect(await form.getByRole('alert').textContent()).toContain('PARLEY_LLM_BASE_URL');
      expect(await form.getByLabel('Instructions').count()).toBe(0);
      // Registering an external agent still works.
      await person.page.getByRole('form', { name: 'Register an agent' }).getByLabel('Name').fill('Runner');
      await person.page.getByRole('button', { name: 'Register agent' }).click();
      await person.page.getByTestId('secret-value').waitFor();
      await screenshot(person.page, 'agents-no-provider');
    } finally {
      await person.close();
    }
  });
});
