import { router } from '../../../trpc.js';

/** Who a user can reach (`/me/peers`). */
export const humanPeersRouter = router({});
