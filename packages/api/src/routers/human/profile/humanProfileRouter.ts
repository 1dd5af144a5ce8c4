import { router } from '../../../trpc.js';
import { getMyProfile } from './getMyProfile.js';
import { updateMyProfile } from './updateMyProfile.js';

/** The user's own profile (`/me/profile`). */
export const humanProfileRouter = router({ get: getMyProfile, update: updateMyProfile });
