import type { Unsubscribable } from '@trpc/server/observable';
import { backoffDelay } from './backoff.js';
import type { AgentClient } from './createAgentClient.js';
import { ParleyError } from './parleyError.js';
import type { StreamEvent } from './parleyRouter.js';

export interface EventFeedOptions {
  client: AgentClient;
  onEvent(event: StreamEvent): void;
  /** The stream restarted without resuming (events were missed): reload what they would have said. */
  onResync(): void;
  /** The key no longer works (401/403): the feed has stopped. */
  onFatal(error: ParleyError): void;
  onError(error: unknown): void;
}

export interface EventFeed {
  /** Resolves when the first connection is established; rejects if the key is refused first. */
  started: Promise<void>;
  stop(): void;
}

/**
 * The agent's live events (`agent.events.stream`). The client's retry link already resumes after
 * transient failures from the last event id; this adds what only the caller can decide: start
 * afresh when the server cannot resume (`resync_required`), stop when the key is refused, and
 * reconnect when the server ends the stream.
 */
export function startEventFeed(options: EventFeedOptions): EventFeed {
  let lastEventId: string | undefined;
  let subscription: Unsubscribable | undefined;
  let generation = 0;
  let failures = 0;
  let stopped = false;
  let resyncPending = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let markStarted: () => void = () => {};
  let failStart: (error: unknown) => void = () => {};
  const started = new Promise<void>((resolve, reject) => {
    markStarted = resolve;
    failStart = reject;
  });
  // Nobody may be awaiting it when the key is refused later.
  started.catch(() => {});

  function subscribe() {
    if (stopped) return;
    const mine = ++generation;
    const current = () => mine === generation && !stopped;
    subscription = options.client.agent.events.stream.subscribe(lastEventId ? { lastEventId } : undefined, {
      onStarted() {
        if (!current()) return;
        failures = 0;
        markStarted();
        if (resyncPending) {
          resyncPending = false;
          options.onResync();
        }
      },
      onData(tracked) {
        if (!current()) return;
        lastEventId = tracked.id;
        options.onEvent(tracked.data);
      },
      onError(cause) {
        if (!current()) return;
        const error = ParleyError.from(cause);
        if (error.status === 401 || error.status === 403) {
          stop();
          failStart(error);
          options.onFatal(error);
          return;
        }
        if (error.code === 'resync_required') {
          lastEventId = undefined;
          resyncPending = true;
          restart(0);
          return;
        }
        failures += 1;
        options.onError(error);
        restart(backoffDelay(failures, { baseMs: 1_000, maxMs: 30_000 }));
      },
      onComplete() {
        // The server ended the stream (it does not, normally): resume where it stopped.
        if (current()) restart(backoffDelay(++failures, { baseMs: 1_000, maxMs: 30_000 }));
      },
    });
  }

  function restart(delayMs: number) {
    generation += 1;
    subscription?.unsubscribe();
    clearTimeout(timer);
    timer = setTimeout(subscribe, delayMs);
  }

  function stop() {
    stopped = true;
    generation += 1;
    clearTimeout(timer);
    subscription?.unsubscribe();
  }

  subscribe();
  return { started, stop };
}
