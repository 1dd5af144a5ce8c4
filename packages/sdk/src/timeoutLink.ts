import type { TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { ParleyError } from './parleyError.js';
import type { ParleyRouter } from './parleyRouter.js';

/**
 * Gives each query or mutation attempt `timeoutMs` to answer, then aborts its request and fails it
 * with a `ParleyError` of code `timeout` (which the retry link above retries for queries).
 * Subscriptions are long-lived and have no timeout.
 *
 * @example
 * ```ts
 * createTRPCClient<ParleyRouter>({ links: [timeoutLink({ timeoutMs: 10_000 }), parleyErrorLink(), httpLink({ url })] });
 * ```
 */
export function timeoutLink(options: { timeoutMs: number }): TRPCLink<ParleyRouter> {
  const { timeoutMs } = options;
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        if (op.type === 'subscription' || !(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
          const passThrough = next(op).subscribe(observer);
          return () => passThrough.unsubscribe();
        }
        const controller = new AbortController();
        const signal = op.signal ? AbortSignal.any([op.signal, controller.signal]) : controller.signal;
        let finished = false;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const subscription = next({ ...op, signal }).subscribe({
          next: (value) => observer.next(value),
          error: (error) => {
            finished = true;
            clearTimeout(timer);
            observer.error(error);
          },
          complete: () => {
            finished = true;
            clearTimeout(timer);
            observer.complete();
          },
        });
        if (finished) return () => {};
        timer = setTimeout(() => {
          finished = true;
          controller.abort();
          subscription.unsubscribe();
          observer.error(
            new ParleyError(`No answer to ${op.path} within ${timeoutMs} ms`, { status: 0, code: 'timeout' }),
          );
        }, timeoutMs);
        return () => {
          clearTimeout(timer);
          subscription.unsubscribe();
        };
      });
}
