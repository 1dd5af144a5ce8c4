import {
  agentSortFields,
  ListMyAgentsInput,
  ListMyAgentsOutput,
  listMyAgentsMeta,
} from '@parley/contracts/human/listMyAgents';
import { listMyAgents as listAgents } from '@parley/core/agents/listMyAgents';
import { toMyAgent } from '../../../shape/agents.js';
import { humanProcedure } from '../../../trpc.js';

const availableFilters = [
  { param: 'name', label: 'Name contains', type: 'string' },
  { param: 'is_external', label: 'External', type: 'boolean' },
  { param: 'listed_in_directory', label: 'Listed in directory', type: 'boolean' },
];
const sortableFields = agentSortFields.map((param) => ({ param, label: param.replace('_', ' ') }));

export const listMyAgents = humanProcedure
  .meta(listMyAgentsMeta)
  .input(ListMyAgentsInput)
  .output(ListMyAgentsOutput)
  .query(async ({ ctx, input }) => {
    const { agents, metadata } = await listAgents(ctx.deps, ctx.identity, input);
    return {
      data: agents.map(toMyAgent),
      metadata: { ...metadata, available_filters: availableFilters, sortable_fields: sortableFields },
    };
  });
