import { z } from 'zod';
import { ChatIdParam, SendMessageBody } from '../../chatInputs.js';
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
  errors: [
    'not_found',
    'limit_reached',
    'mentions_required',
    'cannot_mention_self',
    'duplicate_mentions',
    'mentioned_participant_not_in_room',
    'invalid_mention_kind',
    'handle_not_found',
    'mention_missing_identifier',
  ],
});

export const SendMyChatMessageInput = z.strictObject({ ...ChatIdParam, ...SendMessageBody });
export const SendMyChatMessageOutput = z.object({ data: MessageSent });
