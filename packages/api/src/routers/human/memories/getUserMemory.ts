import { GetUserMemoryInput, GetUserMemoryOutput, getUserMemoryMeta } from '@parley/contracts/human/getUserMemory';
import { getUserMemory as getMemory } from '@parley/core/memories/getUserMemory';
import { toUserMemory } from '../../../shape/memories.js';
import { humanProcedure } from '../../../trpc.js';

export const getUserMemory = humanProcedure
  .meta(getUserMemoryMeta)
  .input(GetUserMemoryInput)
  .output(GetUserMemoryOutput)
  .query(async ({ ctx, input }) => ({ data: toUserMemory(await getMemory(ctx.deps, ctx.identity, input.id)) }));
