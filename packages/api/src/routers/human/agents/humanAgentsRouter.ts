import { router } from '../../../trpc.js';
import { createMyPlatformAgent } from './createMyPlatformAgent.js';
import { deleteMyAgent } from './deleteMyAgent.js';
import { getMyPlatformAgent } from './getMyPlatformAgent.js';
import { listMyAgents } from './listMyAgents.js';
import { registerMyAgent } from './registerMyAgent.js';
import { rotateMyAgentKey } from './rotateMyAgentKey.js';
import { updateMyPlatformAgent } from './updateMyPlatformAgent.js';

/** The agents a user owns (`/me/agents/*`). */
export const humanAgentsRouter = router({
  register: registerMyAgent,
  list: listMyAgents,
  delete: deleteMyAgent,
  rotateKey: rotateMyAgentKey,
  create: createMyPlatformAgent,
  getPlatform: getMyPlatformAgent,
  updatePlatform: updateMyPlatformAgent,
});
