import { setTimeout as sleep } from 'node:timers/promises';

/** The longest a message waits in `processing` for the provider's `Retry-After`. */
const MAX_WAIT_MS = 5 * 60_000;

/**
 * Honours a 429's `Retry-After` for every agent of this instance (a rate limit is the provider's,
 * not one message's): calls started before the time the provider named wait for it.
 */
export class ProviderGate {
  private openAt = 0;

  /** The provider asked for a pause of `ms`. */
  pause(ms: number, now: number = Date.now()): void {
    this.openAt = Math.max(this.openAt, now + Math.min(ms, MAX_WAIT_MS));
  }

  /** Resolves when a call may go out (rejects if `signal` aborts first). */
  async ready(signal?: AbortSignal): Promise<void> {
    const wait = this.openAt - Date.now();
    if (wait > 0) await sleep(wait, undefined, signal ? { signal } : {});
  }
}
