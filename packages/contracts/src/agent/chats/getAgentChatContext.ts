import { z } from 'zod';
import { ChatIdParam } from '../../chatInputs.js';
import { ChatMessage, MessagePageMetadata } from '../../objects/chatMessage.js';
import { operation } from '../../operationMeta.js';
import { paginationQuery } from '../../pagination.js';

export const getAgentChatContextMeta = operation({
  caller: 'agent',
  method: 'GET',
  path: '/agent/chats/{chat_id}/context',
  operationId: 'getAgentChatContext',
  summary: 'Get agent context for rehydration',
  description:
    'Oldest first: every message the agent sent (any type) and every text message that mentions it. ' +
    'Cursor pages default to 50; `page`/`page_size` also work. The pagination object is sent as ' +
    '`metadata` and, for older clients, as `meta`.',
  tags: ['agentApiContext'],
  errors: ['not_found'],
});

export const GetAgentChatContextInput = z.strictObject({ ...ChatIdParam, ...paginationQuery() });
export const GetAgentChatContextOutput = z.object({
  data: z.array(ChatMessage),
  metadata: MessagePageMetadata,
  meta: MessagePageMetadata,
});
