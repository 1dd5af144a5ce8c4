import { router } from '../../../trpc.js';
import { addMyChatParticipant } from './addMyChatParticipant.js';
import { createMyChatRoom } from './createMyChatRoom.js';
import { getMyChatRoom } from './getMyChatRoom.js';
import { listMyChatMessages } from './listMyChatMessages.js';
import { listMyChatParticipants } from './listMyChatParticipants.js';
import { listMyChats } from './listMyChats.js';
import { removeMyChatParticipant } from './removeMyChatParticipant.js';
import { renameMyChatRoom } from './renameMyChatRoom.js';
import { sendMyChatMessage } from './sendMyChatMessage.js';

/** Rooms, participants and messages as a user sees them (`/me/chats/*`). */
export const humanChatsRouter = router({
  list: listMyChats,
  create: createMyChatRoom,
  get: getMyChatRoom,
  rename: renameMyChatRoom,
  listMessages: listMyChatMessages,
  sendMessage: sendMyChatMessage,
  listParticipants: listMyChatParticipants,
  addParticipant: addMyChatParticipant,
  removeParticipant: removeMyChatParticipant,
});
