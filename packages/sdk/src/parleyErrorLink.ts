import type { TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { ParleyError } from './parleyError.js';
import type { ParleyRouter } from './parleyRouter.js';

/**
 * Turns every failure of the transport below it into a {@link ParleyError}, so the links above
 * (retry, timeout) and the caller all read one error type with `status`, `code` and `retryAfterMs`.
 *
 * @example
 * ```ts
 * createTRPCClient<ParleyRouter>({ links: [retryLink(), parleyErrorLink(), httpLink({ url })] });
 * ```
 */
export function parleyErrorLink(): TRPCLink<ParleyRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        const subscription = next(op).subscribe({
          next: (value) => observer.next(value),
          error: (error) => observer.error(ParleyError.from(error)),
          complete: () => observer.complete(),
        });
        return () => subscription.unsubscribe();
      });
}
