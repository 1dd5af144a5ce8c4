import { router } from '../../../trpc.js';

/** Memories about the user, or in its organization and rooms (`/me/memories/*`). */
export const humanMemoriesRouter = router({});
