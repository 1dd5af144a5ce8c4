import { describe, expect, it } from 'vitest';
import type { EventHub } from './eventHub.js';
import { OnDemandTail } from './onDemandTail.js';
import type { OutboxTail } from './outboxTail.js';

/** A tail and hub that record what the switch does to them; time is set by the test. */
function fixture() {
  const calls: string[] = [];
  let latest = 10;
  let subscribers = 0;
  let clock = 0;
  let startGate: Promise<void> = Promise.resolve();
  const tail = {
    async start() {
      calls.push('start');
      await startGate;
      return latest;
    },
    async pause() {
      calls.push('pause');
    },
  } as unknown as OutboxTail;
  const hub = {
    startAt: (id: number) => calls.push(`startAt ${id}`),
    get subscriberCount() {
      return subscribers;
    },
  } as unknown as EventHub;
  const feed = new OnDemandTail({ tail, hub, idleMs: 1000, now: () => clock });
  return {
    feed,
    calls,
    setLatest: (n: number) => (latest = n),
    setSubscribers: (n: number) => (subscribers = n),
    advance: (ms: number) => (clock += ms),
    gateStart: (gate: Promise<void>) => (startGate = gate),
  };
}

describe('OnDemandTail', () => {
  it('starts the tail once for concurrent activations and moves the hub to its position', async () => {
    const f = fixture();
    let open: () => void = () => {};
    f.gateStart(new Promise<void>((r) => (open = r)));
    const a = f.feed.activate();
    const b = f.feed.activate();
    expect(f.feed.running).toBe(false);
    open();
    await Promise.all([a, b]);
    expect(f.feed.running).toBe(true);
    expect(f.calls).toEqual(['start', 'startAt 10']);
    await f.feed.activate();
    expect(f.calls).toEqual(['start', 'startAt 10']);
    await f.feed.close();
  });

  it('pauses only after idleMs with no subscriber, and restarts from the newest position', async () => {
    const f = fixture();
    await f.feed.activate();
    f.setSubscribers(1);
    f.advance(5000);
    await f.feed.pauseIfIdle();
    expect(f.feed.running).toBe(true);
    f.setSubscribers(0);
    f.advance(999);
    await f.feed.pauseIfIdle();
    expect(f.feed.running).toBe(true);
    f.advance(1);
    await f.feed.pauseIfIdle();
    expect(f.feed.running).toBe(false);
    f.setLatest(42);
    await f.feed.activate();
    expect(f.calls).toEqual(['start', 'startAt 10', 'pause', 'start', 'startAt 42']);
    await f.feed.close();
  });

  it('an activation holds the tail up for idleMs even before its subscriber is added', async () => {
    const f = fixture();
    await f.feed.activate();
    f.advance(900);
    await f.feed.activate();
    f.advance(900);
    await f.feed.pauseIfIdle();
    expect(f.feed.running).toBe(true);
    await f.feed.close();
  });

  it('a failed start rejects the activation and leaves the tail off, to be tried again', async () => {
    const f = fixture();
    f.gateStart(Promise.reject(new Error('database down')));
    await expect(f.feed.activate()).rejects.toThrow('database down');
    expect(f.feed.running).toBe(false);
    f.gateStart(Promise.resolve());
    await f.feed.activate();
    expect(f.feed.running).toBe(true);
    await f.feed.close();
  });
});
