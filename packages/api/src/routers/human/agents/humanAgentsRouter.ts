import { router } from '../../../trpc.js';
import { createMyPlatformAgent } from './createMyPlatformAgent.js';
import { deleteMyAgent } from './deleteMyAgent.js';
import { getMyPlatformAgent } from './getMyPlatformAgent.js';
import { listMyAgentDeadLetters } from './listMyAgentDeadLetters.js';
import { listMyAgents } from './listMyAgents.js';
import { listPlatformModels } from './listPlatformModels.js';
import { registerMyAgent } from './registerMyAgent.js';
import { retryMyAgentDeadLetter } from './retryMyAgentDeadLetter.js';
import { rotateMyAgentKey } from './rotateMyAgentKey.js';
import { setMyAgentMaxAttempts } from './setMyAgentMaxAttempts.js';
import { updateMyAgentDirectory } from './updateMyAgentDirectory.js';
import { updateMyPlatformAgent } from './updateMyPlatformAgent.js';

/** The agents a user owns (`/me/agents/*`). */
export const humanAgentsRouter = router({
  register: registerMyAgent,
  list: listMyAgents,
  delete: deleteMyAgent,
  rotateKey: rotateMyAgentKey,
  setInboxSettings: setMyAgentMaxAttempts,
  listDeadLetters: listMyAgentDeadLetters,
  retryDeadLetter: retryMyAgentDeadLetter,
  create: createMyPlatformAgent,
  getPlatform: getMyPlatformAgent,
  updatePlatform: updateMyPlatformAgent,
  listPlatformModels,
  updateDirectory: updateMyAgentDirectory,
});
