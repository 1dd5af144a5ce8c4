import type { AppRouter } from '@parley/api/appRouter';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

/**
 * The server's router type: every input and output below is inferred from it, so the SDK's types
 * follow the server's zod contracts without a line of hand-written HTTP. The published declaration
 * file carries a copy of it (with the server-only context and meta types erased, see
 * rollup.dts.config.mjs), so installing the SDK needs no server code.
 */
export type ParleyRouter = AppRouter;

/** Inputs of every procedure: `RouterInputs['agent']['chats']['sendMessage']`. */
export type RouterInputs = inferRouterInputs<ParleyRouter>;

/** Outputs of every procedure (the REST response bodies): `RouterOutputs['agent']['me']`. */
export type RouterOutputs = inferRouterOutputs<ParleyRouter>;

/** A message of a room as an agent reads it (`GET /agent/chats/{id}/messages/next`). */
export type ChatMessage = NonNullable<RouterOutputs['agent']['chats']['nextMessage']>['data'];

/** The calling agent (`GET /agent/me`). */
export type AgentMe = RouterOutputs['agent']['me']['data'];

type StreamItem<T> = T extends AsyncIterable<infer Item> ? Item : never;

/** One event of `agent.events.stream` or `human.events.stream`: `{ id, data }`, `id` resumes the stream. */
export type TrackedStreamEvent = StreamItem<RouterOutputs['agent']['events']['stream']>;

/** The event itself: `type`, `chat_room_id` and the `payload` the socket would push (docs/realtime.md). */
export type StreamEvent = TrackedStreamEvent['data'];
