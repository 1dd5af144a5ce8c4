import { describe, expect, it } from 'vitest';
import { ClaimWorker } from './claimWorker.js';
import type { AgentClient } from './createAgentClient.js';
import { ParleyError } from './parleyError.js';
import type { AgentMe } from './parleyRouter.js';

/** A client whose `agent.inbox.claim` answers with `answer`. */
function clientClaiming(answer: () => Promise<unknown>): AgentClient {
  return { agent: { inbox: { claim: { mutate: answer } } } } as unknown as AgentClient;
}

function worker(client: AgentClient) {
  return new ClaimWorker({
    client,
    agent: { id: 'a' } as AgentMe,
    handler: () => {},
    report: () => {},
    concurrency: 2,
    leaseSeconds: 30,
    maxAttempts: 3,
    retryDelayMs: 100,
    idlePollMs: 1_000,
  });
}

describe('ClaimWorker.probe (capability detection)', () => {
  it('tells a server without claims (404 for the procedure) so that runAgent falls back to /next', async () => {
    const missing = clientClaiming(() =>
      Promise.reject(
        new ParleyError('No procedure found on path "agent.inbox.claim"', { status: 404, code: 'not_found' }),
      ),
    );
    await expect(worker(missing).probe(new AbortController().signal)).resolves.toBeUndefined();
  });

  it('returns the first claims of a server that offers them', async () => {
    const offering = clientClaiming(() => Promise.resolve({ data: [] }));
    await expect(worker(offering).probe(new AbortController().signal)).resolves.toEqual([]);
  });

  it('lets any other failure through (a refused key is not a missing feature)', async () => {
    const refused = clientClaiming(() =>
      Promise.reject(new ParleyError('A valid API key is required', { status: 401, code: 'unauthorized' })),
    );
    await expect(worker(refused).probe(new AbortController().signal)).rejects.toMatchObject({ status: 401 });
  });
});

describe('ClaimWorker: a handler stopped while it works', () => {
  const claim = {
    message: { id: 'm1', chat_room_id: 'r1', sender_id: 's1' },
    lease_token: 't1',
    lease_expires_at: '2026-01-01T00:00:00.000Z',
    attempt_number: 1,
  };

  /** A server with one claimable message that records how the worker settles it. */
  function recordingClient() {
    const settled: Array<{ how: 'ack' | 'fail'; leases: unknown[] }> = [];
    let claims = 0;
    const client = {
      agent: {
        inbox: {
          claim: { mutate: async () => ({ data: claims++ === 0 ? [claim] : [] }) },
          ack: { mutate: async (input: { leases: unknown[] }) => settled.push({ how: 'ack', leases: input.leases }) },
          fail: { mutate: async (input: { leases: unknown[] }) => settled.push({ how: 'fail', leases: input.leases }) },
          extend: { mutate: async () => ({ data: [] }) },
        },
      },
    } as unknown as AgentClient;
    return { client, settled };
  }

  async function stopMidway(handler: (signal: AbortSignal) => Promise<void>) {
    const { client, settled } = recordingClient();
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const w = new ClaimWorker({
      client,
      agent: { id: 'a' } as AgentMe,
      handler: async (_message, context) => {
        started();
        await handler(context.signal);
      },
      report: () => {},
      concurrency: 1,
      leaseSeconds: 30,
      maxAttempts: 3,
      retryDelayMs: 100,
      idlePollMs: 50,
    });
    const stop = new AbortController();
    const loop = w.run(stop.signal, []);
    await running;
    stop.abort();
    await loop;
    await w.shutdown(0);
    return settled;
  }

  it('acks a message whose handler finishes its work as it is stopped (handing it back would answer twice)', async () => {
    const settled = await stopMidway(async () => {
      // Already posting its answer when stopped: it ends shortly after, successfully.
      await new Promise((resolve) => setTimeout(resolve, 100));
    });
    expect(settled).toEqual([{ how: 'ack', leases: [{ message_id: 'm1', lease_token: 't1' }] }]);
  });

  it('hands back at once the message of a handler that gives up on its signal', async () => {
    const settled = await stopMidway(
      (signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
        ),
    );
    expect(settled).toEqual([
      {
        how: 'fail',
        leases: [{ message_id: 'm1', lease_token: 't1', error: expect.stringMatching(/^interrupted/) }],
      },
    ]);
  });
});
