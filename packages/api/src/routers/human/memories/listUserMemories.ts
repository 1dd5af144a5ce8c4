import {
  ListUserMemoriesInput,
  ListUserMemoriesOutput,
  listUserMemoriesMeta,
} from '@parley/contracts/human/listUserMemories';
import { listUserMemories as listMemories } from '@parley/core/memories/listUserMemories';
import { toUserMemory } from '../../../shape/memories.js';
import { humanProcedure } from '../../../trpc.js';

export const listUserMemories = humanProcedure
  .meta(listUserMemoriesMeta)
  .input(ListUserMemoriesInput)
  .output(ListUserMemoriesOutput)
  .query(async ({ ctx, input }) => {
    const { memories, metadata } = await listMemories(ctx.deps, ctx.identity, input);
    // `meta` repeats `metadata` for older clients (docs/api.md).
    return { data: memories.map(toUserMemory), metadata, meta: metadata };
  });
