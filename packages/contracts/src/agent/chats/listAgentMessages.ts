import { z } from 'zod';
import { ChatIdParam } from '../../chatInputs.js';
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
    '`processing`; `processed`; `failed`; `all`.',
  tags: ['agentApiMessages'],
  errors: ['not_found'],
});

export const ListAgentMessagesInput = z.strictObject({
  ...ChatIdParam,
  status: z.enum(queueStatusFilters).optional(),
  ...paginationQuery(),
});

export const ListAgentMessagesOutput = z.object({
  data: z.array(ChatMessage),
  metadata: MessagePageMetadata.extend({ status_filter: z.string().nullable() }),
});
