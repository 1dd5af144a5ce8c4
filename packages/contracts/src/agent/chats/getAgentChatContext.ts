import { z } from 'zod';
import { ChatIdParam } from '../../chatInputs.js';
import { historyQuery } from '../../historyQuery.js';
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
    '`metadata` and, for older clients, as `meta`.\n\n' +
    '**Parley extension: history in both directions.** `order=desc` serves newest first (the latest ' +
    '`limit` messages of a long room in one call; `next_cursor` then pages further back). ' +
    '`before`/`after` take a message id of the room and keep only messages older / newer than it ' +
    '(exclusive). All of it is keyset on the message sequence, so pages never shift as messages arrive. ' +
    'An id that is not a message of the room is a 422.',
  tags: ['agentApiContext'],
  errors: ['not_found'],
});

export const GetAgentChatContextInput = z.strictObject({
  ...ChatIdParam,
  ...paginationQuery(),
  ...historyQuery({ item: 'message', defaultOrder: 'asc' }),
});
export const GetAgentChatContextOutput = z.object({
  data: z.array(ChatMessage),
  metadata: MessagePageMetadata,
  meta: MessagePageMetadata,
});
