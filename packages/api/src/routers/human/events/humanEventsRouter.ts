import { StreamEventsInput } from '@parley/contracts/events/streamEvent';
import { humanProcedure, router } from '../../../trpc.js';
import { eventStream } from '../../eventStreamProcedure.js';

/**
 * The user's live events over native tRPC (SSE): messages, events and membership changes of its
 * rooms, and its own room and contact notices; resumable with `lastEventId`. Not part of REST.
 */
export const humanEventsRouter = router({
  stream: humanProcedure
    .input(StreamEventsInput)
    .subscription(({ ctx, input, signal }) =>
      eventStream(ctx.deps, ctx.events, ctx.identity, input, signal, ctx.apiKey),
    ),
});
