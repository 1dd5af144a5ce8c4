import { router } from '../../../trpc.js';
import { listMyPeers } from './listMyPeers.js';

/** Who a user can reach (`/me/peers`). */
export const humanPeersRouter = router({ list: listMyPeers });
