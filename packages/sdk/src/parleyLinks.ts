import { httpLink, httpSubscriptionLink, splitLink, type TRPCLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import { eventStreamFetch } from './eventStreamFetch.js';
import { idempotencyHeader, idempotencyLink } from './idempotencyLink.js';
import { jsonErrorFetch } from './jsonErrorFetch.js';
import { parleyErrorLink } from './parleyErrorLink.js';
import type { ParleyRouter } from './parleyRouter.js';
import { type RetryOptions, retryLink } from './retryLink.js';
import { timeoutLink } from './timeoutLink.js';

/** How a client reaches the server; shared by {@link createAgentClient} and {@link createHumanClient}. */
export interface ParleyClientOptions {
  /** The server's address, e.g. `http://127.0.0.1:3000` (the SDK speaks native tRPC at its `/trpc`). */
  baseUrl: string;
  /** An agent key (`thnv_a_…`) for an agent client, a user key (`thnv_u_…`) for a human client. */
  apiKey: string;
  /** How long one attempt of a query or mutation may take. Default 30 000 ms; 0 turns it off. */
  timeoutMs?: number;
  /** Retry settings, or `false` for none. */
  retry?: RetryOptions | false;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** The fetch to use; default: the global one. */
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/**
 * The link chain of a Parley client: an idempotency key per mutation → retry → timeout → errors
 * as ParleyError → HTTP for queries and mutations, SSE (the `eventsource` package: Node 24's own
 * EventSource is still behind `--experimental-eventsource`, and the browser's cannot send the key
 * header) for subscriptions.
 *
 * @example
 * ```ts
 * const client = createTRPCClient<ParleyRouter>({ links: parleyLinks({ baseUrl, apiKey }) });
 * ```
 */
export function parleyLinks(options: ParleyClientOptions): TRPCLink<ParleyRouter>[] {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/trpc`;
  const headers = { ...options.headers, 'x-api-key': options.apiKey };
  const baseFetch = options.fetch ?? globalThis.fetch;
  const retry = options.retry === false ? undefined : (options.retry ?? {});
  const transport = splitLink<ParleyRouter>({
    condition: (op) => op.type === 'subscription',
    true: httpSubscriptionLink({
      url,
      EventSource,
      eventSourceOptions: () => ({
        fetch: eventStreamFetch({
          headers,
          fetch: baseFetch,
          maxRetryAfterMs: retry?.maxRetryAfterMs ?? (retry ? DEFAULT_MAX_RETRY_AFTER_MS : 0),
        }),
      }),
    }),
    false: httpLink({
      url,
      headers: ({ op }) => ({ ...headers, ...idempotencyHeader(op.context) }),
      fetch: jsonErrorFetch(baseFetch),
    }),
  });
  return [
    idempotencyLink(),
    ...(retry ? [retryLink(retry)] : []),
    timeoutLink({ timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS }),
    parleyErrorLink(),
    transport,
  ];
}

/** Refuses a missing key, or one of the other kind, before any request is made. */
export function checkApiKey(apiKey: string, kind: 'agent' | 'user'): void {
  const prefix = kind === 'agent' ? 'thnv_a_' : 'thnv_u_';
  if (typeof apiKey !== 'string' || !apiKey.startsWith(prefix)) {
    const what = kind === 'agent' ? 'an agent API key (thnv_a_…)' : 'a user API key (thnv_u_…)';
    throw new TypeError(`Parley: expected ${what}${apiKey ? '' : ', got none'}`);
  }
}
