import { router } from '../../../trpc.js';

/** Rooms, participants, messages, events, processing and context for agents (`/agent/chats/*`). */
export const agentChatsRouter = router({});
