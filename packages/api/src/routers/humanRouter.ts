import { router } from '../trpc.js';
import { humanBoardRouter } from './board/boardRouters.js';
import { humanAgentsRouter } from './human/agents/humanAgentsRouter.js';
import { humanApiKeysRouter } from './human/apiKeys/humanApiKeysRouter.js';
import { humanChatsRouter } from './human/chats/humanChatsRouter.js';
import { humanContactsRouter } from './human/contacts/humanContactsRouter.js';
import { humanEventsRouter } from './human/events/humanEventsRouter.js';
import { humanMemoriesRouter } from './human/memories/humanMemoriesRouter.js';
import { humanPeersRouter } from './human/peers/humanPeersRouter.js';
import { humanProfileRouter } from './human/profile/humanProfileRouter.js';
import { humanSessionRouter } from './human/session/humanSessionRouter.js';

/** The Human API (`/api/v1/me/*`), for user keys: `client.human.<group>.<operation>`. */
export const humanRouter = router({
  profile: humanProfileRouter,
  agents: humanAgentsRouter,
  peers: humanPeersRouter,
  chats: humanChatsRouter,
  contacts: humanContactsRouter,
  memories: humanMemoriesRouter,
  board: humanBoardRouter,
  events: humanEventsRouter,
  session: humanSessionRouter,
  apiKeys: humanApiKeysRouter,
});
