import type { HubSubscriber } from './eventHub.js';
import type { Viewer, VisibleEvent } from './eventVisibility.js';

export type QueueTake = { kind: 'event'; event: VisibleEvent } | { kind: 'overflow' } | { kind: 'closed' };

/**
 * A hub subscriber that buffers for a consumer pulling at its own pace, up to `limit` events.
 * Past that it drops the buffer and reports `overflow` once: the consumer then re-reads what it
 * missed from the outbox, so a slow reader costs a query, never unbounded memory.
 */
export class SubscriberQueue implements HubSubscriber {
  private items: VisibleEvent[] = [];
  private head = 0;
  private overflowed = false;
  private closed = false;
  private waiter: (() => void) | null = null;

  constructor(
    readonly viewer: Viewer,
    private readonly limit: number,
  ) {}

  deliver(events: VisibleEvent[]): void {
    if (this.overflowed || this.closed) return;
    if (this.items.length - this.head + events.length > this.limit) {
      this.overflowed = true;
      this.items = [];
      this.head = 0;
    } else {
      for (const e of events) this.items.push(e);
    }
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  onShutdown(): void {
    this.close();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** The next event, or why there is none; waits until one of them or until `signal` aborts. */
  async take(signal?: AbortSignal): Promise<QueueTake> {
    for (;;) {
      if (this.closed || signal?.aborted) return { kind: 'closed' };
      if (this.head < this.items.length) {
        const event = this.items[this.head] as VisibleEvent;
        this.head += 1;
        if (this.head > 1024 && this.head * 2 > this.items.length) {
          this.items = this.items.slice(this.head);
          this.head = 0;
        }
        return { kind: 'event', event };
      }
      if (this.overflowed) return { kind: 'overflow' };
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    }
  }
}
