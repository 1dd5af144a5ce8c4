import type { Operation, TRPCLink } from '@trpc/client';
import type { Unsubscribable } from '@trpc/server/observable';
import { observable } from '@trpc/server/observable';
import { backoffDelay } from './backoff.js';
import { ParleyError } from './parleyError.js';
import type { ParleyRouter } from './parleyRouter.js';

export interface RetryOptions {
  /**
   * Retries of one query or mutation after its first try. Default 4. Subscriptions retry without
   * end. A 429 with `Retry-After` does not count: see `maxRateLimitWaitMs`.
   */
  maxRetries?: number;
  /** The first backoff delay, doubled on each retry. Default 300 ms. */
  baseDelayMs?: number;
  /** The longest backoff delay. Default 10 s. */
  maxDelayMs?: number;
  /** The longest `Retry-After` honoured: a 429 asking for more fails at once. Default 60 s. */
  maxRetryAfterMs?: number;
  /**
   * The longest one call waits out 429s with `Retry-After`, in all: it is retried as often as the
   * server asks within this, and fails with the 429 once the next wait would go past it. Default 5 min.
   */
  maxRateLimitWaitMs?: number;
}

const defaults: Required<RetryOptions> = {
  maxRetries: 4,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  maxRateLimitWaitMs: 300_000,
};

/** Whether a failed request certainly never reached the server (so even a mutation may be resent). */
function neverReachedServer(error: ParleyError): boolean {
  for (let cause: unknown = error.cause, depth = 0; cause && depth < 5; depth++) {
    if (typeof cause === 'object' && 'code' in cause && cause.code === 'ECONNREFUSED') return true;
    cause = typeof cause === 'object' && 'cause' in cause ? cause.cause : undefined;
  }
  return false;
}

/**
 * Whether retrying can help and cannot do harm. A 429 was refused before anything ran, so every
 * call may be retried. A query is idempotent: it is retried after network errors, timeouts and
 * 502/503/504. A mutation is retried like a query when it carries an Idempotency-Key (the server
 * runs it once and replays the answer; see idempotencyLink), else only when the connection was
 * refused (it never arrived).
 * A subscription resumes after any transient failure.
 */
function isTransient(op: Operation, error: ParleyError): boolean {
  if (error.status === 429) return true;
  const noAnswer = error.status === 0 && (error.code === 'network_error' || error.code === 'timeout');
  const gateway = error.status === 502 || error.status === 503 || error.status === 504;
  switch (op.type) {
    case 'query':
      return noAnswer || gateway;
    case 'mutation':
      // A keyed mutation runs once on the server whatever the retries: safe to retry like a query,
      // and while the first try is still running (409 idempotency_key_in_use).
      if (typeof op.context.idempotencyKey === 'string') {
        return noAnswer || gateway || error.code === 'idempotency_key_in_use';
      }
      return error.code === 'network_error' && neverReachedServer(error);
    case 'subscription':
      return noAnswer || error.status >= 500 || error.code === 'bad_response';
  }
}

/** What one call has used up: retries (against `maxRetries`) and time waiting out 429s. */
interface Spent {
  retries: number;
  rateLimitedMs: number;
}

/** The subscription's input with the id to resume after (tRPC servers replay from `lastEventId`). */
function resumeInput(input: unknown, lastEventId: string): unknown {
  if (input === undefined || input === null) return { lastEventId };
  return typeof input === 'object' ? { ...input, lastEventId } : input;
}

/**
 * Retries what is safe to retry: 429s after the server's `Retry-After` (any call, as often as the
 * server asks within `maxRateLimitWaitMs`), network failures, timeouts and gateway errors of
 * queries with exponential backoff (up to `maxRetries`), and subscriptions without end, resuming
 * after the last event received. Put it above {@link parleyErrorLink}.
 *
 * @example
 * ```ts
 * createTRPCClient<ParleyRouter>({
 *   links: [retryLink({ maxRetries: 6 }), timeoutLink({ timeoutMs: 30_000 }), parleyErrorLink(), httpLink({ url })],
 * });
 * ```
 */
export function retryLink(options: RetryOptions = {}): TRPCLink<ParleyRouter> {
  const settings = { ...defaults, ...options };
  const backoff = { baseMs: settings.baseDelayMs, maxMs: settings.maxDelayMs };

  /**
   * Milliseconds to wait before trying again, or undefined to give up. A 429 with `Retry-After` is
   * the server saying when to come back, not a failure: it spends wait time rather than a retry.
   */
  function delayAfter(op: Operation, error: ParleyError, spent: Spent): number | undefined {
    if (error.code === 'aborted' || op.signal?.aborted) return undefined;
    if (error.status === 429 && error.retryAfterMs !== undefined) {
      if (error.retryAfterMs > settings.maxRetryAfterMs) return undefined;
      // A little jitter, so that clients told the same instant do not all come back at once.
      const delay = error.retryAfterMs + Math.round(Math.random() * 250);
      if (spent.rateLimitedMs + delay > settings.maxRateLimitWaitMs) return undefined;
      spent.rateLimitedMs += delay;
      return delay;
    }
    spent.retries += 1;
    if (op.type !== 'subscription' && spent.retries > settings.maxRetries) return undefined;
    if (!isTransient(op, error)) return undefined;
    return backoffDelay(spent.retries, backoff);
  }

  return () =>
    ({ op, next }) =>
      observable((observer) => {
        let current: Unsubscribable | undefined;
        let timer: ReturnType<typeof setTimeout> | undefined;
        let disposed = false;
        const spent: Spent = { retries: 0, rateLimitedMs: 0 };
        let lastEventId: string | undefined;

        const stopWaiting = () => {
          clearTimeout(timer);
          op.signal?.removeEventListener('abort', onAbort);
        };
        function onAbort() {
          stopWaiting();
          if (!disposed) observer.error(new ParleyError(`${op.path} was aborted`, { status: 0, code: 'aborted' }));
        }

        function attempt() {
          if (disposed) return;
          const input = op.type === 'subscription' && lastEventId ? resumeInput(op.input, lastEventId) : op.input;
          current = next({ ...op, input }).subscribe({
            next(envelope) {
              const result = envelope.result;
              if (op.type === 'subscription') {
                // A working stream earns a fresh backoff for its next failure.
                if (result.type === 'started') {
                  spent.retries = 0;
                  spent.rateLimitedMs = 0;
                }
                if ((result.type === undefined || result.type === 'data') && result.id) lastEventId = String(result.id);
              }
              observer.next(envelope);
            },
            error(cause) {
              const error = ParleyError.from(cause);
              const delay = disposed ? undefined : delayAfter(op, error, spent);
              if (delay === undefined) {
                observer.error(error);
                return;
              }
              op.signal?.addEventListener('abort', onAbort, { once: true });
              timer = setTimeout(() => {
                stopWaiting();
                attempt();
              }, delay);
            },
            complete() {
              observer.complete();
            },
          });
        }

        attempt();
        return () => {
          disposed = true;
          stopWaiting();
          current?.unsubscribe();
        };
      });
}
