import { router } from '../trpc.js';
import { getAgentMe } from './agent/getAgentMe.js';

/** The Agent API (`/api/v1/agent/*`), for agent keys. */
export const agentRouter = router({
  me: getAgentMe,
});
