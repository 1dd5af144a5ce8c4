import { router } from '../trpc.js';
import { agentChatsRouter } from './agent/chats/agentChatsRouter.js';
import { agentContactsRouter } from './agent/contacts/agentContactsRouter.js';
import { agentEventsRouter } from './agent/events/agentEventsRouter.js';
import { agentIdentityRouter } from './agent/identity/agentIdentityRouter.js';
import { agentInboxRouter } from './agent/inbox/agentInboxRouter.js';
import { agentMemoriesRouter } from './agent/memories/agentMemoriesRouter.js';
import { agentPeersRouter } from './agent/peers/agentPeersRouter.js';
import { agentBoardRouter } from './board/boardRouters.js';

/** The Agent API (`/api/v1/agent/*`), for agent keys: `client.agent.<group>.<operation>`. */
export const agentRouter = router({
  // `client.agent.me.query()`: the identity procedures sit at the top of the agent router.
  ...agentIdentityRouter._def.record,
  peers: agentPeersRouter,
  chats: agentChatsRouter,
  contacts: agentContactsRouter,
  memories: agentMemoriesRouter,
  board: agentBoardRouter,
  events: agentEventsRouter,
  inbox: agentInboxRouter,
});
