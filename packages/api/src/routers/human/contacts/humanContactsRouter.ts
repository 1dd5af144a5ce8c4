import { router } from '../../../trpc.js';

/** Contacts and contact requests of a user (`/me/contacts/*`). */
export const humanContactsRouter = router({});
