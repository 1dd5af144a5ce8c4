import { afterEach, describe, expect, it } from 'vitest';
import { type Scripted, scriptedTrpcServer } from '../test/harness/scriptedTrpcServer.js';
import { createAgentClient } from './createAgentClient.js';
import { ParleyError } from './parleyError.js';
import type { ParleyClientOptions } from './parleyLinks.js';

const KEY = 'thnv_a_1700000000_testkeytestkeytestkeytestkey12';
const me = { data: { id: '7d1c8f9e-0000-4000-8000-000000000001', name: 'Bot' } };
let close: (() => Promise<void>) | undefined;

afterEach(async () => {
  await close?.();
  close = undefined;
});

async function clientFor(script: Scripted[], options: Partial<ParleyClientOptions> = {}) {
  const server = await scriptedTrpcServer(script);
  close = server.close;
  const client = createAgentClient({
    baseUrl: server.url,
    apiKey: KEY,
    retry: { baseDelayMs: 5, maxDelayMs: 20, ...(options.retry || {}) },
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return { client, seen: server.seen };
}

async function failure(call: Promise<unknown>): Promise<ParleyError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParleyError);
  return error as ParleyError;
}

describe('retryLink over HTTP', () => {
  it('waits out Retry-After on a 429, then succeeds', async () => {
    const { client, seen } = await clientFor([
      { status: 429, code: 'rate_limited', headers: { 'retry-after': '1' } },
      { ok: me },
    ]);
    const started = Date.now();
    expect(await client.agent.me.query()).toEqual(me);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(seen.map((r) => [r.method, r.path, r.apiKey])).toEqual([
      ['GET', '/trpc/agent.me', KEY],
      ['GET', '/trpc/agent.me', KEY],
    ]);
  });

  it('retries a mutation refused with 429 too (nothing ran)', async () => {
    const { client, seen } = await clientFor([
      { status: 429, code: 'rate_limited', headers: { 'retry-after': '0' } },
      { ok: { data: { id: 'm1', status: 'processed', attempt_number: 1, success: true } } },
    ]);
    const chat = { chat_id: '7d1c8f9e-0000-4000-8000-000000000002', id: '7d1c8f9e-0000-4000-8000-000000000003' };
    await client.agent.chats.markProcessed.mutate(chat);
    expect(seen.map((r) => r.method)).toEqual(['POST', 'POST']);
  });

  it('waits out more 429s than maxRetries: Retry-After is not a failure to count', async () => {
    const limited = { status: 429, code: 'rate_limited', headers: { 'retry-after': '0' } };
    const { client, seen } = await clientFor([limited, limited, limited, limited, { ok: me }], {
      retry: { maxRetries: 1 },
    });
    expect(await client.agent.me.query()).toEqual(me);
    expect(seen).toHaveLength(5);
  });

  it('gives up on 429s once their waits would pass maxRateLimitWaitMs, with the 429', async () => {
    const { client, seen } = await clientFor([{ status: 429, code: 'rate_limited', headers: { 'retry-after': '1' } }], {
      retry: { maxRateLimitWaitMs: 2_500 },
    });
    const started = Date.now();
    const error = await failure(client.agent.me.query());
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfterMs: 1_000 });
    // Two waits of 1 s (+ up to 250 ms of jitter) fit in 2.5 s; a third would not.
    expect(seen).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
  });

  it('fails at once when Retry-After asks for longer than maxRetryAfterMs', async () => {
    const { client, seen } = await clientFor([
      { status: 429, code: 'rate_limited', headers: { 'retry-after': '120' } },
    ]);
    const error = await failure(client.agent.me.query());
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfterMs: 120_000 });
    expect(seen).toHaveLength(1);
  });

  it('retries a query after dropped connections and gateway errors', async () => {
    const { client, seen } = await clientFor([
      { hangUp: true },
      { raw: '<html>bad gateway</html>', status: 502, contentType: 'text/html' },
      { status: 503, code: 'service_unavailable' },
      { ok: me },
    ]);
    expect(await client.agent.me.query()).toEqual(me);
    expect(seen).toHaveLength(4);
  });

  it('gives up on a query after maxRetries, with the last error', async () => {
    const { client, seen } = await clientFor([{ status: 503, code: 'service_unavailable' }], {
      retry: { maxRetries: 2 },
    });
    const error = await failure(client.agent.me.query());
    expect(error).toMatchObject({ status: 503, code: 'service_unavailable', requestId: 'req_3' });
    expect(seen).toHaveLength(3);
  });

  it('resends a mutation whose connection dropped under the same Idempotency-Key (the server replays it)', async () => {
    const done = { data: { id: '7d1c8f9e-0000-4000-8000-000000000003', status: 'processed', success: true } };
    const { client, seen } = await clientFor([{ hangUp: true }, { ok: done }]);
    await client.agent.chats.markProcessed.mutate({
      chat_id: '7d1c8f9e-0000-4000-8000-000000000002',
      id: '7d1c8f9e-0000-4000-8000-000000000003',
    });
    expect(seen).toHaveLength(2);
    expect(seen[0]?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1]?.idempotencyKey).toBe(seen[0]?.idempotencyKey);
  });

  it('resends a mutation whose connection was refused (it never arrived)', async () => {
    let refused = 0;
    const flaky: typeof fetch = async (input, init) => {
      if (refused++ === 0) {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
        });
      }
      return fetch(input, init);
    };
    const { client, seen } = await clientFor([{ ok: { data: { id: 'e1', message_type: 'thought', success: true } } }], {
      fetch: flaky,
    });
    await client.agent.chats.createEvent.mutate({
      chat_id: '7d1c8f9e-0000-4000-8000-000000000002',
      event: { message_type: 'thought', content: 'hm' },
    });
    expect(refused).toBe(2);
    expect(seen).toHaveLength(1);
  });

  it('never retries what the server refused on its merits', async () => {
    const { client, seen } = await clientFor([
      { status: 404, code: 'not_found', message: 'No such room', details: { id: 'x' } },
    ]);
    const error = await failure(client.agent.chats.get.query({ id: '7d1c8f9e-0000-4000-8000-000000000002' }));
    expect(error).toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'No such room',
      details: { id: 'x' },
      requestId: 'req_1',
    });
    expect(seen).toHaveLength(1);
  });

  it('times out an attempt that gets no answer, and retries the query', async () => {
    const { client, seen } = await clientFor([{ silence: true }, { silence: true }, { ok: me }], { timeoutMs: 150 });
    expect(await client.agent.me.query()).toEqual(me);
    expect(seen).toHaveLength(3);
  });

  it('reports a timeout once retries are spent', async () => {
    const { client } = await clientFor([{ silence: true }], { timeoutMs: 100, retry: { maxRetries: 1 } });
    const error = await failure(client.agent.me.query());
    expect(error).toMatchObject({ status: 0, code: 'timeout' });
  });

  it('stops retrying when the caller aborts', async () => {
    const { client, seen } = await clientFor([{ status: 503, code: 'service_unavailable' }], {
      retry: { baseDelayMs: 5_000, maxDelayMs: 5_000 },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await failure(client.agent.me.query(undefined, { signal: controller.signal }));
    expect(error.code).toBe('aborted');
    // Well under the 5 s backoff: the abort ended the wait (a loose bound, for loaded machines).
    expect(Date.now() - started).toBeLessThan(4_500);
    expect(seen).toHaveLength(1);
  });
});
