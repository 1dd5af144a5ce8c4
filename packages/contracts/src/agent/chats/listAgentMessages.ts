import { z } from 'zod';
import { ChatIdParam } from '../../chatInputs.js';
import { historyQuery } from '../../historyQuery.js';
import { ChatMessage, MessagePageMetadata } from '../../objects/chatMessage.js';
import { operation } from '../../operationMeta.js';
import { paginationQuery } from '../../pagination.js';

export const queueStatusFilters = ['pending', 'processing', 'processed', 'failed', 'all'] as const;

export const listAgentMessagesMeta = operation({
  caller: 'agent',
  method: 'GET',
  path: '/agent/chats/{chat_id}/messages',
  operationId: 'listAgentMessages',
  summary: 'List agent messages by processing status',
  description:
    'Text messages of the room that mention the agent, oldest first. `status`: absent = everything not ' +
    'processed (stuck `processing` included); `pending` = delivered or failed without an open attempt; ' +
    '`processing`; `processed`; `failed`; `all`.' +
    '\n\n**Parley extension: history in both directions.** `order=desc` serves newest first (the latest `limit` messages in one call; `next_cursor` then pages further back). `before`/`after` take a message id of the room and keep only messages older / newer than it (exclusive). Keyset on the message sequence, so pages never shift as messages arrive; an id that is not a message of the room is a 422.',
  tags: ['agentApiMessages'],
  errors: ['not_found'],
});

export const ListAgentMessagesInput = z.strictObject({
  ...ChatIdParam,
  status: z.enum(queueStatusFilters).optional(),
  ...paginationQuery(),
  ...historyQuery({ item: 'message', defaultOrder: 'asc' }),
});

export const ListAgentMessagesOutput = z.object({
  data: z.array(ChatMessage),
  metadata: MessagePageMetadata.extend({ status_filter: z.string().nullable() }),
});
