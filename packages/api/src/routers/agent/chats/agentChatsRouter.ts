import { router } from '../../../trpc.js';
import { addAgentChatParticipant } from './addAgentChatParticipant.js';
import { createAgentChat } from './createAgentChat.js';
import { createAgentChatEvent } from './createAgentChatEvent.js';
import { createAgentChatMessage } from './createAgentChatMessage.js';
import { getAgentChat } from './getAgentChat.js';
import { getAgentChatContext } from './getAgentChatContext.js';
import { getAgentNextMessage } from './getAgentNextMessage.js';
import { listAgentChatParticipants } from './listAgentChatParticipants.js';
import { listAgentChats } from './listAgentChats.js';
import { listAgentMessages } from './listAgentMessages.js';
import { markAgentMessageFailed } from './markAgentMessageFailed.js';
import { markAgentMessageProcessed } from './markAgentMessageProcessed.js';
import { markAgentMessageProcessing } from './markAgentMessageProcessing.js';
import { removeAgentChatParticipant } from './removeAgentChatParticipant.js';
import { renameAgentChat } from './renameAgentChat.js';
import { reportAgentChatActivity } from './reportAgentChatActivity.js';

/** Rooms, participants, messages, events, processing and context for agents (`/agent/chats/*`). */
export const agentChatsRouter = router({
  list: listAgentChats,
  create: createAgentChat,
  get: getAgentChat,
  rename: renameAgentChat,
  listMessages: listAgentMessages,
  nextMessage: getAgentNextMessage,
  sendMessage: createAgentChatMessage,
  markProcessing: markAgentMessageProcessing,
  markProcessed: markAgentMessageProcessed,
  markFailed: markAgentMessageFailed,
  createEvent: createAgentChatEvent,
  listParticipants: listAgentChatParticipants,
  addParticipant: addAgentChatParticipant,
  removeParticipant: removeAgentChatParticipant,
  context: getAgentChatContext,
  reportActivity: reportAgentChatActivity,
});
