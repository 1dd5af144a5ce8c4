import { router } from '../../../trpc.js';

/** Memories an agent stores and reads (`/agent/memories/*`). */
export const agentMemoriesRouter = router({});
