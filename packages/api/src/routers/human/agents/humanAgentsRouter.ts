import { router } from '../../../trpc.js';
import { listMyAgents } from './listMyAgents.js';
import { registerMyAgent } from './registerMyAgent.js';

/** The agents a user owns (`/me/agents/*`). */
export const humanAgentsRouter = router({ register: registerMyAgent, list: listMyAgents });
