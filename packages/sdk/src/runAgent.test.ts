import { describe, expect, it } from 'vitest';
import type { AgentClient } from './createAgentClient.js';
import { runAgent } from './runAgent.js';

/** A client that fails the test if the loop calls it. */
const untouchable = new Proxy(
  {},
  {
    get: () => {
      throw new Error('the client was used');
    },
  },
) as AgentClient;

describe('runAgent options', () => {
  it('refuses settings that would stall or spin the loop, before any call', async () => {
    const onMessage = () => {};
    await expect(runAgent({ client: untouchable, onMessage, concurrency: 0 })).rejects.toThrow(RangeError);
    await expect(runAgent({ client: untouchable, onMessage, maxAttempts: Number.NaN })).rejects.toThrow(/maxAttempts/);
    await expect(runAgent({ client: untouchable, onMessage, sweepIntervalMs: 5 })).rejects.toThrow(/sweepIntervalMs/);
    await expect(runAgent({ client: untouchable, onMessage, shutdownTimeoutMs: -1 })).rejects.toThrow(RangeError);
  });

  it('returns at once, without a call, when the signal is already aborted', async () => {
    await expect(runAgent({ client: untouchable, onMessage: () => {}, signal: AbortSignal.abort() })).resolves.toBe(
      undefined,
    );
  });
});
