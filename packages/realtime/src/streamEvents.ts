import { AppError } from '@parley/core/appError';
import type { CoreDeps } from '@parley/core/deps';
import { latestOutboxId, prunedThrough, readOutboxForPrincipal } from '@parley/db/repositories/eventOutbox';
import type { EventHub } from './eventHub.js';
import { eventConcerns, type Viewer, type VisibleEvent, viewEvent } from './eventVisibility.js';
import { SubscriberQueue } from './subscriberQueue.js';

export interface StreamOptions {
  /** Resume after this event id; absent: from now on. */
  lastEventId?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Live events buffered for a slow reader before it falls back to reading the outbox. */
  bufferLimit: number;
}

const REPLAY_PAGE = 500;

/** Whether the outbox still holds every event after `lastEventId` (else: resync needed). */
async function checkResumable(deps: CoreDeps, lastEventId: number): Promise<void> {
  const [pruned, latest] = await Promise.all([prunedThrough(deps.db), latestOutboxId(deps.db)]);
  if (lastEventId < pruned) {
    throw new AppError(
      'resync_required',
      'Events after this id are past the retention window; reload state, then subscribe afresh',
      {
        last_event_id: lastEventId,
        oldest_resumable_id: pruned,
      },
    );
  }
  if (lastEventId > Math.max(latest, pruned)) {
    throw new AppError('resync_required', 'This event id was never issued here; reload state, then subscribe afresh', {
      last_event_id: lastEventId,
    });
  }
}

async function* replay(deps: CoreDeps, viewer: Viewer, afterId: number, throughId: number) {
  let after = afterId;
  while (after < throughId) {
    const rows = await readOutboxForPrincipal(deps.db, viewer.principalId, {
      afterId: after,
      throughId,
      limit: REPLAY_PAGE,
    });
    for (const row of rows) if (eventConcerns(row, viewer)) yield viewEvent(row, viewer);
    if (rows.length < REPLAY_PAGE) return;
    after = (rows.at(-1) as { id: number }).id;
  }
}

/** A subscription at the hub: its queue, and the hub's position when it was added. */
export interface HubSubscription {
  queue: SubscriberQueue;
  position: number;
}

async function subscribe(hub: EventHub, viewer: Viewer, bufferLimit: number): Promise<HubSubscription> {
  const queue = new SubscriberQueue(viewer, bufferLimit);
  await hub.ready().catch(() => {
    throw new AppError('service_unavailable', 'Events are unavailable right now; resume from the last event id');
  });
  const position = hub.add(queue);
  hub.watchAllRooms(queue);
  return { queue, position };
}

/**
 * Subscribes at the hub now, before the stream is read, so that a stream "from now on" starts
 * when its client is told it is open: a client that sends something once it sees the stream open
 * gets it on the stream. Undefined if the hub cannot take it now; the stream then subscribes (and
 * reports the failure) when read. Until the stream is read, only `signal` can end it: it releases
 * the subscription too.
 */
export async function subscribeEarly(
  hub: EventHub,
  viewer: Viewer,
  opts: { bufferLimit: number; signal?: AbortSignal | undefined },
): Promise<HubSubscription | undefined> {
  const subscription = await subscribe(hub, viewer, opts.bufferLimit).catch(() => undefined);
  if (subscription) opts.signal?.addEventListener('abort', () => hub.remove(subscription.queue), { once: true });
  return subscription;
}

/**
 * Every event for `viewer`, in id order, without gaps or repeats: first what it missed after
 * `lastEventId` (read from the outbox), then live ones. Subscribing before reading makes the two
 * meet exactly: the hub's position at subscription bounds the read, and only later ids come live.
 * A reader that falls behind the live buffer reads the outbox again from where it was.
 * `early` is a subscription taken before the stream is read (`subscribeEarly`), used first.
 */
export async function* streamEvents(
  deps: CoreDeps,
  hub: EventHub,
  viewer: Viewer,
  opts: StreamOptions & { early?: HubSubscription | undefined },
) {
  let early = opts.early;
  let last: number | null = opts.lastEventId ?? null;
  try {
    if (last !== null) await checkResumable(deps, last);
  } catch (error) {
    if (early) hub.remove(early.queue);
    throw error;
  }
  for (;;) {
    const { queue, position } = early ?? (await subscribe(hub, viewer, opts.bufferLimit));
    early = undefined;
    const abort = () => queue.close();
    opts.signal?.addEventListener('abort', abort, { once: true });
    try {
      if (last === null) last = position;
      for await (const event of replay(deps, viewer, last, position)) {
        if (opts.signal?.aborted) return;
        last = event.id;
        yield event;
      }
      last = Math.max(last, position);
      for (;;) {
        const next = await queue.take(opts.signal);
        if (next.kind === 'closed') {
          if (opts.signal?.aborted) return;
          throw new AppError('service_unavailable', 'The server is shutting down; resume from the last event id');
        }
        if (next.kind === 'overflow') break;
        if (next.event.id <= last) continue;
        last = next.event.id;
        yield next.event satisfies VisibleEvent;
      }
    } finally {
      opts.signal?.removeEventListener('abort', abort);
      hub.remove(queue);
    }
  }
}
