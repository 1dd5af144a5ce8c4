import { describe, expect, it } from 'vitest';
import { RoomScheduler, type StepResult } from './roomScheduler.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('RoomScheduler', () => {
  it('gives rooms turns in rotation, never two at once for one room, at most `concurrency` in all', async () => {
    const remaining: Record<string, number> = { a: 3, b: 3, c: 1 };
    const order: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const busy = new Set<string>();
    const scheduler = new RoomScheduler({
      concurrency: 2,
      backoff: { baseMs: 1, maxMs: 1 },
      onError: () => {},
      step: async (room): Promise<StepResult> => {
        if (busy.has(room)) throw new Error(`two turns of ${room} at once`);
        busy.add(room);
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await tick();
        order.push(room);
        running -= 1;
        busy.delete(room);
        remaining[room] = (remaining[room] ?? 0) - 1;
        return (remaining[room] ?? 0) > 0 ? 'more' : 'idle';
      },
    });
    for (const room of ['a', 'b', 'c']) {
      scheduler.add(room);
      scheduler.wake(room);
    }
    scheduler.wake('a');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await scheduler.idle();
    expect(maxRunning).toBe(2);
    expect(order.filter((r) => r === 'a')).toHaveLength(3);
    expect(order.filter((r) => r === 'b')).toHaveLength(3);
    // Room c is not stuck behind a's and b's backlogs.
    expect(order.indexOf('c')).toBeLessThan(4);
  });

  it('runs another turn when woken during one, backs off after an error, and ignores removed rooms', async () => {
    const turns: string[] = [];
    const errors: unknown[] = [];
    let fail = true;
    const scheduler = new RoomScheduler({
      concurrency: 1,
      backoff: { baseMs: 30, maxMs: 30 },
      onError: (error) => errors.push(error),
      step: async (room) => {
        turns.push(room);
        if (room === 'x' && fail) {
          fail = false;
          throw new Error('flaky');
        }
        if (room === 'y' && turns.filter((t) => t === 'y').length === 1) scheduler.wake('y');
        await tick();
        return 'idle';
      },
    });
    scheduler.add('x');
    scheduler.add('y');
    scheduler.wake('x');
    scheduler.wake('y');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(errors).toHaveLength(1);
    expect(turns.filter((t) => t === 'x')).toHaveLength(2);
    expect(turns.filter((t) => t === 'y')).toHaveLength(2);
    scheduler.remove('x');
    scheduler.wake('x');
    scheduler.stop();
    scheduler.wake('y');
    await scheduler.idle();
    expect(turns).toHaveLength(4);
  });
});
