import { z } from 'zod';
import { MemoryListFilters } from '../memoryInputs.js';
import { UserMemory } from '../objects/memory.js';
import { MemoryPageMetadata } from '../objects/memoryPageMetadata.js';
import { operation } from '../operationMeta.js';

export const listUserMemoriesMeta = operation({
  caller: 'user',
  method: 'GET',
  path: '/me/memories',
  operationId: 'listUserMemories',
  summary: 'List memories you can see',
  description:
    'Newest first. `scope`: `about_me` (memories whose subject is you), `organization` (the ' +
    'organization-scoped ones), `room` (memories stored in chat rooms you participate in), `all` ' +
    '(the default: the union). `chat_room_id` keeps only memories stored in that room (nothing, ' +
    'for a room you are not in). Filters as on the Agent API: `system`, `type`, `segment`, ' +
    '`content_query`, `status` (default `active`). Pages by `cursor`/`limit` or `page`/`page_size`; ' +
    'the pagination object is sent under both `metadata` and `meta`.',
  tags: ['humanApiMemories'],
});

export const userMemoryListScopes = ['about_me', 'organization', 'room', 'all'] as const;

export const ListUserMemoriesInput = z
  .strictObject({
    scope: z.enum(userMemoryListScopes).optional(),
    chat_room_id: z.uuid().optional(),
    ...MemoryListFilters,
  })
  .optional();
export type ListUserMemoriesInput = z.infer<typeof ListUserMemoriesInput>;

export const ListUserMemoriesOutput = z.object({
  data: z.array(UserMemory),
  metadata: MemoryPageMetadata,
  meta: MemoryPageMetadata,
});
