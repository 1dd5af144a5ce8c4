import { appRouter } from '@parley/api/appRouter';
import type { CoreDeps } from '@parley/core/deps';
import type { EventHub } from '@parley/realtime/eventHub';
import { type AgentClient, parleyErrorLink } from '@parley/sdk';
import { createTRPCClient, unstable_localLink } from '@trpc/client';

let calls = 0;

/**
 * An SDK agent client for a platform agent that calls the server's own Agent API in-process: the
 * same procedures, validation, domain functions and errors as an external agent's HTTP calls,
 * with the agent's identity established by the server instead of a key (it has none). Errors come
 * out as `ParleyError`s, exactly as from `createAgentClient`.
 */
export function localAgentClient(deps: CoreDeps, events: EventHub, agentId: string): AgentClient {
  const link = unstable_localLink({
    router: appRouter,
    createContext: async () => ({
      deps,
      events,
      apiKey: undefined,
      requestId: `platform_${(calls++).toString(36)}`,
      platformAgentId: agentId,
    }),
  });
  // The SDK's router type is the server's (`ParleyRouter = AppRouter`).
  return createTRPCClient<typeof appRouter>({ links: [parleyErrorLink(), link] });
}
