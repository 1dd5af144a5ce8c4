import { agentRouter } from './routers/agentRouter.js';
import { humanRouter } from './routers/humanRouter.js';
import { testCredentials } from './routers/shared/testCredentials.js';
import { router } from './trpc.js';

/** Everything Parley serves: `human` for people, `agent` for agents. */
export const appRouter = router({ human: humanRouter, agent: agentRouter, test: testCredentials });

export type AppRouter = typeof appRouter;
