import { router } from '../../../trpc.js';

/** Rooms, participants and messages as a user sees them (`/me/chats/*`). */
export const humanChatsRouter = router({});
