import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentClient, createHumanClient, type ErrorInfo, ParleyError, runAgent } from '../src/index.js';
import { deliveryOf, eventually, mention, registerAgent, roomMessages, roomWith } from './harness/fixtures.js';
import { type ParleyTestServer, startParleyServer } from './harness/parleyServer.js';

const MAX = 8;
const WINDOW_MS = 1_000;

let server: ParleyTestServer;
beforeAll(async () => {
  server = await startParleyServer({
    PARLEY_RATE_LIMIT_MAX: String(MAX),
    PARLEY_RATE_LIMIT_WINDOW_MS: String(WINDOW_MS),
  });
});
afterAll(async () => {
  await server?.stop();
});

/** A fetch that counts the statuses the agent's client receives. */
function countingFetch() {
  const statuses: number[] = [];
  const counted: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    statuses.push(response.status);
    return response;
  };
  return { statuses, fetch: counted };
}

describe(`runAgent under a rate limit of ${MAX} requests per ${WINDOW_MS} ms`, () => {
  it('slows down on 429s, honouring Retry-After, and loses no message', async () => {
    const agent = await registerAgent(server.owner);
    const roomId = await roomWith(server.owner, [agent]);
    // A backlog waiting at start (drained at full speed), then messages arriving live.
    const sent: string[] = [];
    for (let i = 0; i < 8; i++) sent.push(await mention(server.owner, roomId, agent, `backlog ${i}`));
    const counter = countingFetch();
    const handled: string[] = [];
    const errors: { error: unknown; info: ErrorInfo }[] = [];
    const stop = new AbortController();
    let ready: () => void = () => {};
    const readyNow = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const started = Date.now();
    const run = runAgent({
      // No counted retries: every 429 must be waited out through Retry-After alone, however many
      // come in a row (a fixed count of them ran out on a loaded machine).
      client: createAgentClient({
        baseUrl: server.url,
        apiKey: agent.key,
        fetch: counter.fetch,
        retry: { maxRetries: 0 },
      }),
      // The vendor's /next flow, whose calls per message the bounds below count.
      claims: false,
      signal: stop.signal,
      onReady: () => ready(),
      onError: (error, info) => errors.push({ error, info }),
      onMessage: async (message, { reply }) => {
        handled.push(message.id);
        await reply(`got ${message.content}`);
      },
    });
    await readyNow;
    // The sender is rate limited too (its own budget); its client waits as well.
    for (let i = 0; i < 4; i++) sent.push(await mention(server.owner, roomId, agent, `live ${i}`));
    await eventually(
      async () => {
        const messages = await roomMessages(server.owner, roomId);
        return sent.every(
          (id) =>
            deliveryOf(
              messages.find((m) => m.id === id),
              agent.id,
            )?.status === 'processed',
        );
      },
      'all 12 processed',
      90_000,
    );
    const elapsed = Date.now() - started;
    stop.abort();
    await run;

    expect([...handled].sort()).toEqual([...sent].sort());
    expect(new Set(handled).size).toBe(12);
    const replies = (await roomMessages(server.owner, roomId)).filter((m) => m.sender_id === agent.id);
    expect(replies).toHaveLength(12);
    const limited = counter.statuses.filter((s) => s === 429).length;
    const accepted = counter.statuses.filter((s) => s !== 429).length;
    expect(limited).toBeGreaterThan(0);
    // At least four calls per message (next, processing, reply, processed), at MAX per window.
    expect(accepted).toBeGreaterThanOrEqual(4 * 12);
    // The server lets MAX through per window: finishing proves the loop waited rather than failed.
    expect(elapsed).toBeGreaterThanOrEqual((Math.floor(accepted / MAX) - 1) * WINDOW_MS);
    expect(errors).toEqual([]);
    console.info(
      `rate limit: 12 messages in ${elapsed} ms; agent requests: ${accepted} accepted, ${limited} answered 429`,
    );
  });

  it('surfaces the 429 as a ParleyError with Retry-After when retries are off', async () => {
    const human = createHumanClient({ baseUrl: server.url, apiKey: server.userKey, retry: false });
    const outcomes = await Promise.allSettled(Array.from({ length: MAX + 2 }, () => human.human.profile.get.query()));
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(refused.length).toBeGreaterThan(0);
    const error = refused[0] as ParleyError;
    expect(error).toBeInstanceOf(ParleyError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.requestId).toMatch(/^req_/);
  });
});
