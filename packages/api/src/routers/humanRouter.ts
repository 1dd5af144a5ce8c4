import { router } from '../trpc.js';
import { getMyProfile } from './human/getMyProfile.js';
import { listMyAgents } from './human/listMyAgents.js';
import { registerMyAgent } from './human/registerMyAgent.js';
import { updateMyProfile } from './human/updateMyProfile.js';

/** The Human API (`/api/v1/me/*`), for user keys. */
export const humanRouter = router({
  profile: router({ get: getMyProfile, update: updateMyProfile }),
  agents: router({ register: registerMyAgent, list: listMyAgents }),
});
