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
