/** How retries space out: exponential from `baseMs`, capped at `maxMs`, with jitter. */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/**
 * The delay before retry number `attempt` (1 for the first retry): `baseMs · 2^(attempt-1)`,
 * capped, then drawn from its upper half so that many clients failing together do not retry in
 * lockstep.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms`, or as soon as `signal` aborts (then with `false`). */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const done = (completed: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(completed);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
