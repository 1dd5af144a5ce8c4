import { z } from 'zod';
import { MeChatRoom } from '../../objects/chatRoom.js';
import { operation } from '../../operationMeta.js';

export const renameMyChatRoomMeta = operation({
  caller: 'user',
  method: 'PATCH',
  path: '/me/chats/{id}',
  operationId: 'renameMyChatRoom',
  summary: 'Rename a chat room (Parley extension)',
  description:
    'A Parley extension (the vendor renames rooms only through the Agent API). Owners and admins of ' +
    'the room may rename it; a member gets 403 `forbidden`, a room you are not in is 404. The title ' +
    'is trimmed, 1–120 characters, without newline, CR or NUL (422). Every participant gets ' +
    '`room_updated` with the room as it is now.',
  tags: ['humanApiChats'],
  errors: ['not_found', 'forbidden'],
});

export const RenameMyChatRoomInput = z.strictObject({
  id: z.uuid().meta({ description: 'Chat room id' }),
  chat: z.strictObject({ title: z.string() }),
});
export const RenameMyChatRoomOutput = z.object({ data: MeChatRoom });
