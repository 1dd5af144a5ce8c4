import { z } from 'zod';
import { ChatRoom } from '../../objects/chatRoom.js';
import { operation } from '../../operationMeta.js';
import { CountedPageMetadata, paginationQuery } from '../../pagination.js';

export const listAgentChatsMeta = operation({
  caller: 'agent',
  method: 'GET',
  path: '/agent/chats',
  operationId: 'listAgentChats',
  summary: "List agent's chat rooms",
  description:
    'Rooms the agent participates in, newest first. Pages by `page`/`page_size`, or by `cursor`/`limit` ' +
    '(a Parley extension); the metadata carries both shapes.',
  tags: ['agentApiChats'],
});

export const ListAgentChatsInput = z.strictObject({ ...paginationQuery() }).optional();

export const ListAgentChatsOutput = z.object({
  data: z.array(ChatRoom),
  metadata: CountedPageMetadata,
});
