import { z } from 'zod';
import { ChatIdParam } from '../../chatInputs.js';
import { historyQuery } from '../../historyQuery.js';
import { ChatMessage, MessagePageMetadata, visibleMessageTypes } from '../../objects/chatMessage.js';
import { operation } from '../../operationMeta.js';
import { paginationQuery } from '../../pagination.js';

export const listMyChatMessagesMeta = operation({
  caller: 'user',
  method: 'GET',
  path: '/me/chats/{chat_id}/messages',
  operationId: 'listMyChatMessages',
  summary: 'List messages in a chat room',
  description:
    'Text messages and agent events (internal types excluded), newest first. Filters: `message_type`, ' +
    '`since` (inserted after; not with `cursor`). Text messages carry `metadata.delivery_status` per ' +
    'mentioned agent. Pages by `cursor`/`limit` or `page`/`page_size`.' +
    '\n\n**Parley extension: history in both directions.** `order=asc` serves oldest first (`desc`, newest first, is the default). `before`/`after` take a message id of the room and keep only messages older / newer than it (exclusive), with `cursor`/`limit` pages. Keyset on the message sequence, so pages never shift as messages arrive; an id that is not a message of the room is a 422.',
  tags: ['humanApiMessages'],
  errors: ['not_found'],
});

export const ListMyChatMessagesInput = z.strictObject({
  ...ChatIdParam,
  message_type: z.enum(visibleMessageTypes).optional(),
  since: z.iso.datetime({ offset: true }).optional().meta({ description: 'Only messages inserted after this time' }),
  ...paginationQuery(),
  ...historyQuery({ item: 'message', defaultOrder: 'desc' }),
});

export const ListMyChatMessagesOutput = z.object({ data: z.array(ChatMessage), metadata: MessagePageMetadata });
