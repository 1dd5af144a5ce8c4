import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeModelProvider } from './harness/fakeModelProvider.js';
import { restClient } from './harness/http.js';
import { eventually } from './harness/realtimeFixtures.js';
import { startServerProcess } from './harness/serverProcess.js';

/**
 * The provider key never leaks into the built server's logs (at the most verbose level), its
 * responses or its errors, even when the provider echoes it back and when the configuration is bad.
 */
const SECRET = 'sk-leak-test-0123456789abcdef';
const dirs: string[] = [];
let fake: FakeModelProvider;
beforeAll(async () => {
  fake = await new FakeModelProvider().start();
  fake.fallback = { status: 401, body: { error: { message: `Incorrect API key provided: ${SECRET}` } } };
});
afterAll(async () => {
  await fake?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the provider key', () => {
  it('stays out of the logs, the responses and the failure texts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-llm-'));
    dirs.push(dir);
    const server = await startServerProcess({
      PARLEY_DATA_DIR: dir,
      LOG_LEVEL: 'trace',
      PARLEY_LLM_BASE_URL: fake.baseUrl,
      PARLEY_LLM_MODELS: 'fake-model',
      PARLEY_LLM_API_KEY: SECRET,
      PARLEY_LLM_MAX_ATTEMPTS: '2',
      PARLEY_LLM_RETRY_DELAY_MS: '50',
      PARLEY_PLATFORM_AGENTS_SCAN_MS: '100',
    });
    try {
      const key = /(thnv_u_\d+_[A-Za-z0-9]{32})/.exec(server.output())?.[1];
      expect(key, server.output()).toBeTruthy();
      const api = restClient(server.url);
      const agent = await api.post<{ data: { id: string } }>('/me/agents', {
        key,
        body: { agent: { name: 'Leaky', instructions: 'x' } },
      });
      expect(agent.status, agent.text).toBe(201);
      const room = (await api.post<{ data: { id: string } }>('/me/chats', { key, body: { chat: {} } })).body.data.id;
      await api.post(`/me/chats/${room}/participants`, {
        key,
        body: { participant: { participant_id: agent.body.data.id } },
      });
      const sent = await api.post<{ data: { id: string } }>(`/me/chats/${room}/messages`, {
        key,
        body: { message: { content: 'hi', mentions: [{ id: agent.body.data.id }] } },
      });
      const failures = await eventually(async () => {
        const listed = await api.get<{ data: Array<{ id: string; metadata: Record<string, unknown> }> }>(
          `/me/chats/${room}/messages`,
          { key },
        );
        const delivery = (
          listed.body.data.find((m) => m.id === sent.body.data.id)?.metadata.delivery_status as
            | Record<string, { status: string; attempts: Array<{ status: string; error: string | null }> }>
            | undefined
        )?.[agent.body.data.id];
        const failed = delivery?.attempts.filter((a) => a.status === 'failed') ?? [];
        return failed.length >= 2 ? { text: listed.text, failed } : undefined;
      }, 'two failed attempts');
      expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${SECRET}`);
      expect(failures.failed[0]?.error).toBe(
        'the model provider refused the request (HTTP 401): Incorrect API key provided: [redacted]',
      );
      expect(failures.text).not.toContain(SECRET);
      const settings = await api.get(`/me/agents/${agent.body.data.id}/platform`, { key });
      expect(settings.text).not.toContain(SECRET);
      // The failures were logged (the loop reports them), without the key.
      await eventually(() => server.output().includes('refused the request (HTTP 401)'), 'the failure logged');
    } finally {
      await server.stop();
    }
    expect(server.output()).not.toContain(SECRET);
  });

  it('stays out of the message of a configuration error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-llm-'));
    dirs.push(dir);
    const failure = await startServerProcess({ PARLEY_DATA_DIR: dir, PARLEY_LLM_API_KEY: SECRET }).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(failure).toContain('PARLEY_LLM_BASE_URL');
    expect(failure).not.toContain(SECRET);
  });
});
