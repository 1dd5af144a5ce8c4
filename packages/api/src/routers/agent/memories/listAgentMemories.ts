import {
  ListAgentMemoriesInput,
  ListAgentMemoriesOutput,
  listAgentMemoriesMeta,
} from '@parley/contracts/agent/listAgentMemories';
import { listAgentMemories as listMemories } from '@parley/core/memories/listAgentMemories';
import { toAgentMemory } from '../../../shape/memories.js';
import { agentProcedure } from '../../../trpc.js';

export const listAgentMemories = agentProcedure
  .meta(listAgentMemoriesMeta)
  .input(ListAgentMemoriesInput)
  .output(ListAgentMemoriesOutput)
  .query(async ({ ctx, input }) => {
    const { memories, metadata } = await listMemories(ctx.deps, ctx.identity, input);
    // `meta` repeats `metadata` for older clients (docs/api.md).
    return { data: memories.map(toAgentMemory), metadata, meta: metadata };
  });
