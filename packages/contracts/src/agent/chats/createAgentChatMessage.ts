import { z } from 'zod';
import { ChatIdParam, SendMessageBody } from '../../chatInputs.js';
import { MessageSent } from '../../objects/chatMessage.js';
import { operation } from '../../operationMeta.js';

export const createAgentChatMessageMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/chats/{chat_id}/messages',
  operationId: 'createAgentChatMessage',
  summary: 'Send a text message as the agent',
  description:
    'Text only (events go to `/events`). Mentions (by `id` or `handle`) must name participants of the ' +
    'room, at least one of kind `mention`, never the agent itself. Counts against the room’s message quota.',
  tags: ['agentApiMessages'],
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

export const CreateAgentChatMessageInput = z.strictObject({ ...ChatIdParam, ...SendMessageBody });
export const CreateAgentChatMessageOutput = z.object({ data: MessageSent });
