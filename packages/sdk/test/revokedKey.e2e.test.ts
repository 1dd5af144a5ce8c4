import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParleyError } from '../src/index.js';
import { type ParleyTestServer, startParleyServer } from './harness/parleyServer.js';
import { startAgent } from './harness/runningAgent.js';

let server: ParleyTestServer;

beforeAll(async () => {
  server = await startParleyServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('runAgent when its key is taken away', () => {
  it('stops with the 401 as soon as the key is rotated, without retrying the stream', async () => {
    // No sweep: only the event stream can tell the idle agent that its key is gone.
    const running = await startAgent(server, { onMessage: async () => {}, sweepIntervalMs: 0 });
    await running.ready;
    const rotated = await server.owner.human.agents.rotateKey.mutate({ id: running.agent.id });
    expect(rotated.data.credentials.api_key).not.toBe(running.agent.key);

    const outcome = await Promise.race([
      running.run.then(
        () => 'resolved',
        (error: unknown) => error,
      ),
      new Promise((r) => setTimeout(() => r('still running'), 30_000)),
    ]);
    expect(outcome).toBeInstanceOf(ParleyError);
    expect((outcome as ParleyError).status).toBe(401);
    // The stream's end was not taken for a transient failure to reconnect from.
    expect(running.errors.filter((e) => e.info.phase === 'stream')).toEqual([]);
  });
});
