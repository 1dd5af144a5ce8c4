import { type BackoffOptions, backoffDelay } from './backoff.js';

/** What one turn of a room did: handled a message (there may be more), or found nothing to do. */
export type StepResult = 'more' | 'idle';

export interface RoomSchedulerOptions {
  /** Rooms worked on at once. */
  concurrency: number;
  /** One turn of a room: at most one message. */
  step(roomId: string): Promise<StepResult>;
  /** A turn threw; the room is tried again after a backoff. */
  onError(error: unknown, roomId: string): void;
  backoff: BackoffOptions;
}

interface RoomState {
  queued: boolean;
  running: boolean;
  /** Woken while running: take another turn afterwards. */
  again: boolean;
  failures: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  timerAt: number | undefined;
}

/**
 * Decides which room gets a turn. A room takes one message per turn and goes to the back of the
 * queue while it has more, so a busy room cannot starve the others; one room never has two turns
 * at once, so its messages are handled one at a time, in order.
 */
export class RoomScheduler {
  private readonly rooms = new Map<string, RoomState>();
  private readonly queue: string[] = [];
  private active = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: RoomSchedulerOptions) {}

  has(roomId: string): boolean {
    return this.rooms.has(roomId);
  }

  roomIds(): string[] {
    return [...this.rooms.keys()];
  }

  /** Starts following a room; true when it is new. */
  add(roomId: string): boolean {
    if (this.rooms.has(roomId)) return false;
    this.rooms.set(roomId, {
      queued: false,
      running: false,
      again: false,
      failures: 0,
      timer: undefined,
      timerAt: undefined,
    });
    return true;
  }

  /** Stops following a room; a turn under way finishes its message. */
  remove(roomId: string): void {
    const state = this.rooms.get(roomId);
    if (state) clearTimeout(state.timer);
    this.rooms.delete(roomId);
  }

  /** The room may have work: give it a turn soon. */
  wake(roomId: string): void {
    const state = this.rooms.get(roomId);
    if (!state || this.stopped) return;
    if (state.running) state.again = true;
    else this.enqueue(roomId, state);
  }

  /** Wakes the room at `at` (epoch ms), unless an earlier wake-up is already set. */
  wakeAt(roomId: string, at: number): void {
    const state = this.rooms.get(roomId);
    if (!state || this.stopped) return;
    if (state.timerAt !== undefined && state.timerAt <= at) return;
    clearTimeout(state.timer);
    state.timerAt = at;
    state.timer = setTimeout(
      () => {
        state.timer = undefined;
        state.timerAt = undefined;
        this.wake(roomId);
      },
      Math.max(0, at - Date.now()),
    );
  }

  /** No more turns start; those under way run to their end (see {@link idle}). */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    for (const state of this.rooms.values()) clearTimeout(state.timer);
  }

  /** Resolves once no turn is running. */
  idle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue(roomId: string, state: RoomState): void {
    if (state.queued) return;
    state.queued = true;
    this.queue.push(roomId);
    this.pump();
  }

  private pump(): void {
    while (!this.stopped && this.active < this.options.concurrency && this.queue.length > 0) {
      const roomId = this.queue.shift() as string;
      const state = this.rooms.get(roomId);
      if (!state) continue;
      state.queued = false;
      void this.turn(roomId, state);
    }
  }

  private async turn(roomId: string, state: RoomState): Promise<void> {
    this.active += 1;
    state.running = true;
    state.again = false;
    let next: 'requeue' | 'rest' = 'rest';
    try {
      const result = await this.options.step(roomId);
      state.failures = 0;
      if (result === 'more' || state.again) next = 'requeue';
    } catch (error) {
      state.failures += 1;
      this.options.onError(error, roomId);
      // The backoff wake-up stands in for any wake received meanwhile.
      this.wakeAt(roomId, Date.now() + backoffDelay(state.failures, this.options.backoff));
    } finally {
      state.running = false;
      this.active -= 1;
    }
    if (next === 'requeue' && this.rooms.get(roomId) === state && !this.stopped) this.enqueue(roomId, state);
    this.pump();
    if (this.active === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
