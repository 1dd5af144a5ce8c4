import { router } from '../../../trpc.js';
import { getAgentMe } from './getAgentMe.js';

/** The calling agent itself (`/agent/me`). */
export const agentIdentityRouter = router({ me: getAgentMe });
