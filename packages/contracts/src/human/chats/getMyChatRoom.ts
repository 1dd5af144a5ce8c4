import { z } from 'zod';
import { MeChatRoom } from '../../objects/chatRoom.js';
import { operation } from '../../operationMeta.js';

export const getMyChatRoomMeta = operation({
  caller: 'user',
  method: 'GET',
  path: '/me/chats/{id}',
  operationId: 'getMyChatRoom',
  summary: 'Get a chat room',
  description: 'A room you participate in; any other room is a 404.',
  tags: ['humanApiChats'],
  errors: ['not_found'],
});

export const GetMyChatRoomInput = z.strictObject({ id: z.uuid().meta({ description: 'Chat room id' }) });
export const GetMyChatRoomOutput = z.object({ data: MeChatRoom });
