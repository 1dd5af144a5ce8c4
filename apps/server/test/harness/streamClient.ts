import type { AppRouter } from '@parley/api/appRouter';
import type { StreamEvent } from '@parley/contracts/events/streamEvent';
import { createTRPCClient, httpSubscriptionLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import { eventually } from './realtimeFixtures.js';

export interface StreamSubscription {
  events: StreamEvent[];
  errors: unknown[];
  started: Promise<void>;
  waitForCount(n: number, what: string, timeoutMs?: number): Promise<void>;
  stop(): void;
}

/**
 * The native event stream as our SDK consumes it: `httpSubscriptionLink` over SSE with the
 * `eventsource` package (Node's own EventSource is still experimental), the key in a header.
 */
export function subscribeEvents(
  baseUrl: string,
  key: string,
  kind: 'human' | 'agent',
  lastEventId?: string,
): StreamSubscription {
  const client = createTRPCClient<AppRouter>({
    links: [
      httpSubscriptionLink({
        url: `${baseUrl}/trpc`,
        EventSource,
        eventSourceOptions: () => ({
          fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, 'x-api-key': key } }),
        }),
      }),
    ],
  });
  const events: StreamEvent[] = [];
  const errors: unknown[] = [];
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const procedure = kind === 'human' ? client.human.events.stream : client.agent.events.stream;
  const sub = procedure.subscribe(lastEventId ? { lastEventId } : undefined, {
    onStarted: () => markStarted(),
    onData: (envelope) => {
      events.push(envelope.data as StreamEvent);
    },
    onError: (error) => {
      errors.push(error);
      markStarted();
    },
  });
  return {
    events,
    errors,
    started,
    waitForCount: (n, what, timeoutMs) =>
      eventually(() => events.length >= n || errors.length > 0, what, timeoutMs).then(() => {
        if (errors.length > 0) throw errors[0];
      }),
    stop: () => sub.unsubscribe(),
  };
}
