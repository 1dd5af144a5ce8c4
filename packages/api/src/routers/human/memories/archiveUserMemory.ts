import {
  ArchiveUserMemoryInput,
  ArchiveUserMemoryOutput,
  archiveUserMemoryMeta,
} from '@parley/contracts/human/archiveUserMemory';
import { archiveUserMemory as archive } from '@parley/core/memories/changeUserMemory';
import { toUserMemory } from '../../../shape/memories.js';
import { humanProcedure } from '../../../trpc.js';

export const archiveUserMemory = humanProcedure
  .meta(archiveUserMemoryMeta)
  .input(ArchiveUserMemoryInput)
  .output(ArchiveUserMemoryOutput)
  .mutation(async ({ ctx, input }) => ({ data: toUserMemory(await archive(ctx.deps, ctx.identity, input.id)) }));
