import { router } from '../../../trpc.js';

/** Who an agent can reach (`/agent/peers`). */
export const agentPeersRouter = router({});
