import { z } from 'zod';
import { MyAgent } from '../objects/myAgent.js';
import { operation } from '../operationMeta.js';
import { CountedPageMetadata, paginationQuery } from '../pagination.js';
import { QueryBoolean } from '../scalars.js';

export const listMyAgentsMeta = operation({
  caller: 'user',
  method: 'GET',
  path: '/me/agents',
  operationId: 'listMyAgents',
  summary: 'List the agents you own',
  description:
    'Filters: `name` (case-insensitive substring), `is_external`, `listed_in_directory`. Sort with ' +
    '`sort` and `order`. Pages by `cursor`/`limit` or by `page`/`page_size` (not both); the metadata ' +
    'carries both shapes.',
  tags: ['humanApiAgents'],
});

export const agentSortFields = ['name', 'inserted_at', 'updated_at'] as const;

export const ListMyAgentsInput = z
  .strictObject({
    name: z.string().max(100).optional(),
    is_external: QueryBoolean.optional(),
    listed_in_directory: QueryBoolean.optional(),
    sort: z.enum(agentSortFields).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    ...paginationQuery(),
  })
  .optional();
export type ListMyAgentsInput = z.infer<typeof ListMyAgentsInput>;

export const ListMyAgentsOutput = z.object({
  data: z.array(MyAgent),
  metadata: CountedPageMetadata.extend({
    available_filters: z.array(z.object({ param: z.string(), label: z.string(), type: z.string() })),
    sortable_fields: z.array(z.object({ param: z.string(), label: z.string() })),
  }),
});
export type ListMyAgentsOutput = z.infer<typeof ListMyAgentsOutput>;
