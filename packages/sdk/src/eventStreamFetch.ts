import type { FetchLike } from 'eventsource';
import { sleep } from './backoff.js';
import { parseRetryAfter } from './retryAfter.js';

/**
 * The fetch the event stream's `EventSource` connects with: it adds the API key (an EventSource
 * cannot send headers otherwise), and when the server answers 429 it waits out `Retry-After` and
 * asks again, because EventSource gives up for good on any status but 200 and reports no headers.
 */
export function eventStreamFetch(options: {
  headers: Record<string, string>;
  fetch: typeof fetch;
  maxRetryAfterMs: number;
}): FetchLike {
  return async (url, init) => {
    for (;;) {
      const response = await options.fetch(url, { ...init, headers: { ...init.headers, ...options.headers } });
      if (response.status !== 429) return response;
      const waitMs = parseRetryAfter(response.headers.get('retry-after')) ?? 1000;
      if (waitMs > options.maxRetryAfterMs) return response;
      await response.body?.cancel();
      if (!(await sleep(waitMs + Math.round(Math.random() * 250), init.signal))) {
        // EventSource ignores an AbortError: it is closing.
        throw new DOMException('The event stream was closed', 'AbortError');
      }
    }
  };
}
