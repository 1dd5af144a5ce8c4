import { z } from 'zod';
import { ChatIdParam, SendMessageBody, sendMessageErrors } from '../../chatInputs.js';
import { MessageSent } from '../../objects/chatMessage.js';
import { operation } from '../../operationMeta.js';

export const sendMyChatMessageMeta = operation({
  caller: 'user',
  method: 'POST',
  path: '/me/chats/{chat_id}/messages',
  operationId: 'sendMyChatMessage',
  summary: 'Send a text message as the user',
  description:
    'Mentions (by `id` or `handle`) must name participants of the room, at least one of kind `mention`. ' +
    'A mentioned participant whose `@handle` is not in the content is prepended to it. Every mentioned ' +
    'agent gets the message in its queue. Counts against the room’s message quota.',
  tags: ['humanApiMessages'],
  successStatus: 201,
  errors: sendMessageErrors,
});

export const SendMyChatMessageInput = z.strictObject({ ...ChatIdParam, ...SendMessageBody });
export const SendMyChatMessageOutput = z.object({ data: MessageSent });
