import { StreamEventsInput } from '@parley/contracts/events/streamEvent';
import { agentProcedure, router } from '../../../trpc.js';
import { eventStream } from '../../eventStreamProcedure.js';

/**
 * The agent's live events over native tRPC (SSE): text that mentions it, membership changes of
 * its rooms, its own room and contact notices; resumable with `lastEventId`. Not part of REST.
 */
export const agentEventsRouter = router({
  stream: agentProcedure
    .input(StreamEventsInput)
    .subscription(({ ctx, input, signal }) =>
      eventStream(ctx.deps, ctx.events, ctx.identity, input, signal, ctx.apiKey),
    ),
});
