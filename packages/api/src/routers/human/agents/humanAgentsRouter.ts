import { router } from '../../../trpc.js';
import { deleteMyAgent } from './deleteMyAgent.js';
import { listMyAgents } from './listMyAgents.js';
import { registerMyAgent } from './registerMyAgent.js';
import { rotateMyAgentKey } from './rotateMyAgentKey.js';

/** The agents a user owns (`/me/agents/*`). */
export const humanAgentsRouter = router({
  register: registerMyAgent,
  list: listMyAgents,
  delete: deleteMyAgent,
  rotateKey: rotateMyAgentKey,
});
