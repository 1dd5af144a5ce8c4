import type { EventHub } from './eventHub.js';
import type { OutboxTail } from './outboxTail.js';

export interface OnDemandTailOptions {
  tail: OutboxTail;
  hub: EventHub;
  /** The tail pauses once the instance has had no subscriber for this long. */
  idleMs: number;
  now?: () => number;
}

/**
 * Runs the outbox tail only while this instance has subscribers to push to (and for `idleMs`
 * after the last one leaves). Without subscribers every row the tail reads is thrown away, and on
 * a busy instance it costs a read per commit, plus lock polls while concurrent writers leave id
 * holes: an API-only instance (agents polling over REST) pays for nothing it uses.
 *
 * Gap-free by construction: a subscriber calls `activate` before `hub.add`. Starting the tail
 * fixes a settled position (every id at or below it committed or rolled back) and moves the hub
 * there; the subscriber is handed that position, replays from the outbox up to it if it resumes,
 * and receives everything after it live. Nothing a subscriber is owed was committed while the
 * tail was paused, because nobody was subscribed then.
 */
export class OnDemandTail {
  private live = false;
  private lastWanted: number;
  private transitions: Promise<void> = Promise.resolve();
  private readonly idleTimer: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly opts: OnDemandTailOptions) {
    this.now = opts.now ?? Date.now;
    this.lastWanted = this.now();
    this.idleTimer = setInterval(() => this.pauseIfIdle(), Math.max(50, Math.floor(opts.idleMs / 2)));
    this.idleTimer.unref();
  }

  /** Whether the tail is reading now. */
  get running(): boolean {
    return this.live;
  }

  /**
   * Resolves once the tail is reading and the hub's position is settled; call it right before
   * `hub.add`. It also holds the tail up for `idleMs`, which covers the gap until the add.
   */
  activate(): Promise<void> {
    this.lastWanted = this.now();
    if (this.live) return Promise.resolve();
    return this.serialize(async () => {
      if (this.live) return;
      this.opts.hub.startAt(await this.opts.tail.start());
      this.live = true;
      this.lastWanted = this.now();
    });
  }

  /** Pauses the tail when no subscriber has been present for `idleMs` (run by a timer). */
  pauseIfIdle(): Promise<void> {
    if (!this.live) return this.transitions;
    if (this.opts.hub.subscriberCount > 0) {
      this.lastWanted = this.now();
      return this.transitions;
    }
    if (this.now() - this.lastWanted < this.opts.idleMs) return this.transitions;
    // Marked at once, so an `activate` from here on queues a fresh start behind the pause.
    this.live = false;
    return this.serialize(() => this.opts.tail.pause());
  }

  async close(): Promise<void> {
    clearInterval(this.idleTimer);
    await this.transitions;
  }

  /** Starts and pauses run one at a time, in call order; a failed start leaves the tail off. */
  private serialize(step: () => Promise<void>): Promise<void> {
    const run = this.transitions.then(step);
    this.transitions = run.catch(() => undefined);
    return run;
  }
}
