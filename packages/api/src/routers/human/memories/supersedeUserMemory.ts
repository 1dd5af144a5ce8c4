import {
  SupersedeUserMemoryInput,
  SupersedeUserMemoryOutput,
  supersedeUserMemoryMeta,
} from '@parley/contracts/human/supersedeUserMemory';
import { supersedeUserMemory as supersede } from '@parley/core/memories/changeUserMemory';
import { toUserMemory } from '../../../shape/memories.js';
import { humanProcedure } from '../../../trpc.js';

export const supersedeUserMemory = humanProcedure
  .meta(supersedeUserMemoryMeta)
  .input(SupersedeUserMemoryInput)
  .output(SupersedeUserMemoryOutput)
  .mutation(async ({ ctx, input }) => ({ data: toUserMemory(await supersede(ctx.deps, ctx.identity, input.id)) }));
