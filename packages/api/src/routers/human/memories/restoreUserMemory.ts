import {
  RestoreUserMemoryInput,
  RestoreUserMemoryOutput,
  restoreUserMemoryMeta,
} from '@parley/contracts/human/restoreUserMemory';
import { restoreUserMemory as restore } from '@parley/core/memories/changeUserMemory';
import { toUserMemory } from '../../../shape/memories.js';
import { humanProcedure } from '../../../trpc.js';

export const restoreUserMemory = humanProcedure
  .meta(restoreUserMemoryMeta)
  .input(RestoreUserMemoryInput)
  .output(RestoreUserMemoryOutput)
  .mutation(async ({ ctx, input }) => ({ data: toUserMemory(await restore(ctx.deps, ctx.identity, input.id)) }));
