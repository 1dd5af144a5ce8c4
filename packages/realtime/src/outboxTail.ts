import type { Executor } from '@parley/db/database';
import { latestOutboxId, type OutboxRow, outboxWriters, readOutboxAfter } from '@parley/db/repositories/eventOutbox';

export interface OutboxTailOptions {
  db: Executor;
  /** Receives settled rows in id order, one batch at a time; a throw makes the tail retry it. */
  dispatch(rows: OutboxRow[]): Promise<void>;
  onError?(error: unknown): void;
  batchSize?: number;
  /** A poll even without a wake-up, in case a notification was lost. */
  safetyPollMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/**
 * Reads the outbox in id order and hands on every committed row exactly once. Ids are taken
 * before commit, so a later id can be visible before an earlier one: at a hole the tail stops and
 * waits for the transactions that held the writers' lock when it saw the hole (only they can fill
 * it), then reads again; what is still missing then was rolled back and is skipped.
 */
export class OutboxTail {
  private cursor = 0;
  /** Holes at or below this id are known to be permanent (rolled back). */
  private settledThrough = 0;
  private hole: { through: number; writers: Set<string> } | null = null;
  private wanted = false;
  private running: Promise<void> | null = null;
  private stopped = false;
  private started = false;
  private safetyTimer: NodeJS.Timeout | undefined;
  private readonly batchSize: number;

  constructor(private readonly opts: OutboxTailOptions) {
    this.batchSize = opts.batchSize ?? 500;
  }

  /** The id through which every row has been dispatched or skipped. */
  get position(): number {
    return this.cursor;
  }

  /**
   * Starts after the rows that exist now. An id below the newest one may still be in flight, so it
   * first waits (bounded) for the writers of this moment to finish; their rows predate any
   * subscriber and need no push, but the starting position must not cover an unsettled id.
   */
  async start(maxWaitMs = 30_000): Promise<number> {
    if (this.started) throw new Error('the outbox tail is already running');
    const latest = await latestOutboxId(this.opts.db);
    const writers = new Set(await outboxWriters(this.opts.db));
    const deadline = Date.now() + maxWaitMs;
    let delay = 2;
    while (writers.size > 0 && Date.now() < deadline && !this.stopped) {
      const now = new Set(await outboxWriters(this.opts.db));
      for (const w of writers) if (!now.has(w)) writers.delete(w);
      if (writers.size === 0) break;
      delay = Math.min(delay * 2, 100);
      await sleep(delay);
    }
    this.cursor = latest;
    this.settledThrough = latest;
    this.started = true;
    if (this.wanted) this.wake();
    if (this.opts.safetyPollMs) {
      this.safetyTimer = setInterval(() => this.wake(), this.opts.safetyPollMs);
      this.safetyTimer.unref();
    }
    return latest;
  }

  /** Asks for a read soon; calls during a read make it read again afterwards. */
  wake(): void {
    if (this.stopped) return;
    this.wanted = true;
    if (this.started && !this.running) {
      this.running = this.loop().finally(() => {
        this.running = null;
        if (this.wanted && !this.stopped) this.wake();
      });
    }
  }

  /**
   * Stops reading until `start` is called again, which begins after the rows that exist then:
   * what commits in between is never dispatched (nobody was subscribed to receive it).
   */
  async pause(): Promise<void> {
    this.started = false;
    clearInterval(this.safetyTimer);
    await this.running;
    this.hole = null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.safetyTimer);
    await this.running;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.wanted && this.started && !this.stopped) {
      this.wanted = false;
      try {
        const next = await this.readOnce();
        failures = 0;
        if (next === 'more') this.wanted = true;
        else if (next === 'hole') {
          // Writers in flight: they finish within their transaction's time; look again shortly.
          await sleep(2);
          this.wanted = true;
        }
      } catch (error) {
        this.opts.onError?.(error);
        failures += 1;
        await sleep(Math.min(50 * 2 ** failures, 5_000));
        this.wanted = true;
      }
    }
  }

  private async readOnce(): Promise<'more' | 'hole' | 'done'> {
    const rows = await readOutboxAfter(this.opts.db, this.cursor, this.batchSize);
    const ready: OutboxRow[] = [];
    let expected = this.cursor + 1;
    let blocked = false;
    for (const row of rows) {
      if (row.id > expected && expected <= this.settledThrough) expected = Math.min(row.id, this.settledThrough + 1);
      if (row.id !== expected) {
        blocked = true;
        break;
      }
      ready.push(row);
      expected += 1;
    }
    const last = ready.at(-1);
    if (last) {
      await this.opts.dispatch(ready);
      this.cursor = last.id;
    }
    if (!blocked) {
      this.hole = null;
      return rows.length === this.batchSize ? 'more' : 'done';
    }
    return (await this.settleHole(rows.at(-1)?.id ?? expected)) ? 'more' : 'hole';
  }

  /**
   * A hole below `seenThrough`: note the writers holding the lock now (read after the rows, so
   * any filler still in flight is among them). Once all of them have ended, every hole at or
   * below `seenThrough` is final: the next read shows whatever they committed.
   */
  private async settleHole(seenThrough: number): Promise<boolean> {
    const now = new Set(await outboxWriters(this.opts.db));
    if (!this.hole) this.hole = { through: seenThrough, writers: now };
    else for (const w of this.hole.writers) if (!now.has(w)) this.hole.writers.delete(w);
    if (this.hole.writers.size > 0) return false;
    this.settledThrough = Math.max(this.settledThrough, this.hole.through);
    this.hole = null;
    return true;
  }
}
