import { z } from 'zod';
import { ChatRoom } from '../../objects/chatRoom.js';
import { operation } from '../../operationMeta.js';

export const renameAgentChatMeta = operation({
  caller: 'agent',
  method: 'PATCH',
  path: '/agent/chats/{id}',
  operationId: 'renameAgentChat',
  summary: 'Rename a chat room',
  description: 'Owners only (403). The title is trimmed, at most 120 characters, without newline, CR or NUL.',
  tags: ['agentApiChats'],
  errors: ['not_found'],
});

export const RenameAgentChatInput = z.strictObject({
  id: z.uuid().meta({ description: 'Chat room id' }),
  chat: z.strictObject({ title: z.string() }),
});
export const RenameAgentChatOutput = z.object({ data: ChatRoom });
