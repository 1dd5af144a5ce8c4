import type { StreamEvent } from '@parley/contracts/events/streamEvent';
import { AppError } from '@parley/core/appError';
import type { Identity } from '@parley/core/auth/identity';
import type { CoreDeps } from '@parley/core/deps';
import { viewerOf } from '@parley/core/events/eventVisibility';
import { streamEvents } from '@parley/core/events/streamEvents';
import { TRPCError, tracked } from '@trpc/server';
import { trpcCodeForStatus } from '../errors/trpcCodeForStatus.js';

/**
 * The body of `human.events.stream` and `agent.events.stream`: the caller's events as tracked
 * SSE events whose id is the outbox id, so `httpSubscriptionLink` resumes with `lastEventId`
 * after a reconnect and the server replays what was missed first.
 */
export async function* eventStream(
  deps: CoreDeps,
  identity: Identity,
  input: { lastEventId?: string | null | undefined } | undefined,
  signal: AbortSignal | undefined,
) {
  const hub = deps.events;
  if (!hub) throw new AppError('service_unavailable', 'Live events are not available on this server');
  const lastEventId = input?.lastEventId ? Number(input.lastEventId) : undefined;
  const events = streamEvents(deps, hub, viewerOf(identity), {
    lastEventId,
    signal,
    bufferLimit: hub.streamBufferLimit,
  });
  try {
    for await (const event of events) {
      const id = String(event.id);
      yield tracked(id, { id, type: event.type, chat_room_id: event.roomId, payload: event.payload } as StreamEvent);
    }
  } catch (error) {
    // Errors raised while streaming bypass the procedure middleware: give them their tRPC code
    // here, so the client link retries what is retryable (a shutdown) and stops on the rest.
    if (error instanceof AppError) {
      throw new TRPCError({ code: trpcCodeForStatus(error.status), message: error.message, cause: error });
    }
    throw error;
  }
}
