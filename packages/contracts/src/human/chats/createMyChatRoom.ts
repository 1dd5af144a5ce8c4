import { z } from 'zod';
import { CreateChatBody } from '../../chatInputs.js';
import { MeChatRoom } from '../../objects/chatRoom.js';
import { operation } from '../../operationMeta.js';

export const createMyChatRoomMeta = operation({
  caller: 'user',
  method: 'POST',
  path: '/me/chats',
  operationId: 'createMyChatRoom',
  summary: 'Create a chat room',
  description: 'You become its owner. Counts against your organization’s chat quota (403 `limit_reached`).',
  tags: ['humanApiChats'],
  successStatus: 201,
  errors: ['limit_reached'],
});

export const CreateMyChatRoomInput = z.strictObject(CreateChatBody);
export const CreateMyChatRoomOutput = z.object({ data: MeChatRoom });
