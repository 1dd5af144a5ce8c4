import type { AppRouter } from '@parley/api/appRouter';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';

/** The hooks' context: `useTRPC()` gives the typed options proxy over the server's routers. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Every API type the app uses comes from here: the routers' own inputs and outputs. */
export type Outputs = inferRouterOutputs<AppRouter>['human'];
export type Inputs = inferRouterInputs<AppRouter>['human'];
export type ChatMessage = Outputs['chats']['listMessages']['data'][number];
export type Room = Outputs['chats']['list']['data'][number];
export type Participant = Outputs['chats']['listParticipants']['data'][number];
