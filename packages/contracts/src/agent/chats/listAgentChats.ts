import { z } from 'zod';
import { historyQuery } from '../../historyQuery.js';
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
    '(a Parley extension); the metadata carries both shapes.\n\n**Parley extension: history in both directions.** ' +
    'Keyed on creation (`inserted_at`, then id): immutable, so a cursor never skips or repeats a room while ' +
    'rooms are created or active. `order=asc` serves oldest first (`desc` is the default); `before`/`after` ' +
    'take the id of one of your rooms and keep only rooms created before / after it (exclusive; a room that ' +
    'is not yours is a 422), with `cursor`/`limit` pages.',
  tags: ['agentApiChats'],
});

export const ListAgentChatsInput = z
  .strictObject({ ...paginationQuery(), ...historyQuery({ item: 'room', defaultOrder: 'desc' }) })
  .optional();

export const ListAgentChatsOutput = z.object({
  data: z.array(ChatRoom),
  metadata: CountedPageMetadata,
});
