import { router } from '../../../trpc.js';

/** Contacts and contact requests of an agent (`/agent/contacts/*`). */
export const agentContactsRouter = router({});
