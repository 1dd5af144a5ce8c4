import { GetAgentMemoryInput, GetAgentMemoryOutput, getAgentMemoryMeta } from '@parley/contracts/agent/getAgentMemory';
import { getAgentMemory as getMemory } from '@parley/core/memories/getAgentMemory';
import { toAgentMemory } from '../../../shape/memories.js';
import { agentProcedure } from '../../../trpc.js';

export const getAgentMemory = agentProcedure
  .meta(getAgentMemoryMeta)
  .input(GetAgentMemoryInput)
  .output(GetAgentMemoryOutput)
  .query(async ({ ctx, input }) => ({ data: toAgentMemory(await getMemory(ctx.deps, ctx.identity, input.id)) }));
