import type { TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { ParleyRouter } from './parleyRouter.js';

/**
 * Gives every mutation an `Idempotency-Key` (a random UUID, in `op.context.idempotencyKey`, sent
 * as a header), kept across the retry link's retries. The server runs a keyed request once and
 * replays its response, so a retry after a lost response never sends a message twice. A caller
 * may pass its own key: `mutate(input, { context: { idempotencyKey } })`.
 *
 * @example
 * ```ts
 * const client = createTRPCClient<ParleyRouter>({ links: [idempotencyLink(), retryLink(), httpLink({ url })] });
 * ```
 */
export function idempotencyLink(): TRPCLink<ParleyRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        const keyed =
          op.type === 'mutation' && typeof op.context.idempotencyKey !== 'string'
            ? { ...op, context: { ...op.context, idempotencyKey: globalThis.crypto.randomUUID() } }
            : op;
        const subscription = next(keyed).subscribe(observer);
        return () => subscription.unsubscribe();
      });
}

/** The header of an operation's key, for the HTTP link. */
export function idempotencyHeader(context: Record<string, unknown>): Record<string, string> {
  const key = context.idempotencyKey;
  return typeof key === 'string' ? { 'idempotency-key': key } : {};
}
