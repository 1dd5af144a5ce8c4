import { z } from 'zod';
import { MemoryListFilters } from '../memoryInputs.js';
import { AgentMemory } from '../objects/memory.js';
import { MemoryPageMetadata } from '../objects/memoryPageMetadata.js';
import { operation } from '../operationMeta.js';

export const listAgentMemoriesMeta = operation({
  caller: 'agent',
  method: 'GET',
  path: '/agent/memories',
  operationId: 'listAgentMemories',
  summary: 'List memories',
  description:
    'Memories of your organization, newest first. `scope=subject` gives the subject-scoped memories ' +
    'about `subject_id` (then required); `scope=organization` the organization-scoped ones; `all` ' +
    '(the default) both: the memories about `subject_id`, if given, plus the organization-scoped ' +
    'ones. `subject_id` narrows only the subject-scoped part. Other filters: `system`, `type`, ' +
    '`segment`, `content_query` (case-insensitive substring), `status` (default `active`; `all` for ' +
    'every status). Pages by `cursor`/`limit` or `page`/`page_size` (not both); the pagination ' +
    'object is sent under both `metadata` and `meta`.',
  tags: ['agentApiMemories'],
});

export const agentMemoryListScopes = ['subject', 'organization', 'all'] as const;

export const ListAgentMemoriesInput = z
  .strictObject({
    subject_id: z.uuid().optional(),
    scope: z.enum(agentMemoryListScopes).optional(),
    ...MemoryListFilters,
  })
  .optional();
export type ListAgentMemoriesInput = z.infer<typeof ListAgentMemoriesInput>;

export const ListAgentMemoriesOutput = z.object({
  data: z.array(AgentMemory),
  metadata: MemoryPageMetadata,
  meta: MemoryPageMetadata,
});
