import type { StreamEvent } from '@parley/contracts/events/streamEvent';
import { AppError } from '@parley/core/appError';
import { authenticate } from '@parley/core/auth/authenticate';
import { type Identity, principalIdOf } from '@parley/core/auth/identity';
import type { CoreDeps } from '@parley/core/deps';
import type { EventHub } from '@parley/realtime/eventHub';
import { viewerOf } from '@parley/realtime/eventVisibility';
import { streamEvents, subscribeEarly } from '@parley/realtime/streamEvents';
import { TRPCError, tracked } from '@trpc/server';
import { trpcCodeForStatus } from '../errors/trpcCodeForStatus.js';

/**
 * Ends a stream whose key stops working: checked again whenever the principal's credentials
 * change (a notice from any instance) and every `recheckMs` (the safety net for a lost notice).
 * Only a definite 401/403 ends it; a database hiccup does not.
 */
function watchKey(
  deps: CoreDeps,
  hub: EventHub,
  identity: Identity,
  apiKey: string | undefined,
  onRevoked: () => void,
) {
  let checking = false;
  const check = () => {
    if (checking) return;
    checking = true;
    authenticate(deps, apiKey)
      .then(
        (now) => {
          if (now.keyId !== identity.keyId) onRevoked();
        },
        (error: unknown) => {
          if (error instanceof AppError && (error.status === 401 || error.status === 403)) onRevoked();
        },
      )
      .finally(() => {
        checking = false;
      });
  };
  const unwatch = hub.credentials.watch(principalIdOf(identity), check);
  const timer = setInterval(check, hub.credentials.recheckMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    unwatch();
  };
}

/**
 * The body of `human.events.stream` and `agent.events.stream`: the caller's events as tracked
 * SSE events whose id is the outbox id, so `httpSubscriptionLink` resumes with `lastEventId`
 * after a reconnect and the server replays what was missed first. A stream whose key is revoked
 * or rotated, or whose agent is deleted, ends with `unauthorized` (the SDK stops on it).
 *
 * The stream subscribes at the hub before this resolves, so before tRPC tells the client it is
 * connected: whatever commits after the client sees the stream open is on it.
 */
export async function eventStream(
  deps: CoreDeps,
  hub: EventHub | undefined,
  identity: Identity,
  input: { lastEventId?: string | null | undefined } | undefined,
  signal: AbortSignal | undefined,
  apiKey: string | undefined,
) {
  if (!hub) throw new AppError('service_unavailable', 'Live events are not available on this server');
  const lastEventId = input?.lastEventId ? Number(input.lastEventId) : undefined;
  // The stream ends when the client goes or the key stops working, whichever comes first.
  const ended = new AbortController();
  const onClientGone = () => ended.abort();
  if (signal?.aborted) ended.abort();
  signal?.addEventListener('abort', onClientGone, { once: true });
  const viewer = viewerOf(identity);
  const early = await subscribeEarly(hub, viewer, { bufferLimit: hub.streamBufferLimit, signal: ended.signal });
  return (async function* () {
    let revoked = false;
    const unwatch = watchKey(deps, hub, identity, apiKey, () => {
      revoked = true;
      ended.abort();
    });
    const events = streamEvents(deps, hub, viewer, {
      lastEventId,
      signal: ended.signal,
      bufferLimit: hub.streamBufferLimit,
      early,
    });
    try {
      for await (const event of events) {
        if (revoked) break;
        const id = String(event.id);
        yield tracked(id, { id, type: event.type, chat_room_id: event.roomId, payload: event.payload } as StreamEvent);
      }
      if (revoked) throw new AppError('unauthorized', 'The API key of this stream was revoked');
    } catch (error) {
      // Errors raised while streaming bypass the procedure middleware: give them their tRPC code
      // here, so the client link retries what is retryable (a shutdown) and stops on the rest.
      if (error instanceof AppError) {
        throw new TRPCError({ code: trpcCodeForStatus(error.status), message: error.message, cause: error });
      }
      throw error;
    } finally {
      unwatch();
      signal?.removeEventListener('abort', onClientGone);
      // Read or not, the early subscription goes with the stream.
      ended.abort();
    }
  })();
}
