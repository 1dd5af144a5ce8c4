import { router } from '../../../trpc.js';
import { listAgentPeers } from './listAgentPeers.js';

/** Who an agent can reach (`/agent/peers`). */
export const agentPeersRouter = router({ list: listAgentPeers });
