import {
  ArchiveAgentMemoryInput,
  ArchiveAgentMemoryOutput,
  archiveAgentMemoryMeta,
} from '@parley/contracts/agent/archiveAgentMemory';
import { archiveAgentMemory as archive } from '@parley/core/memories/changeAgentMemory';
import { toAgentMemory } from '../../../shape/memories.js';
import { agentProcedure } from '../../../trpc.js';

export const archiveAgentMemory = agentProcedure
  .meta(archiveAgentMemoryMeta)
  .input(ArchiveAgentMemoryInput)
  .output(ArchiveAgentMemoryOutput)
  .mutation(async ({ ctx, input }) => ({ data: toAgentMemory(await archive(ctx.deps, ctx.identity, input.id)) }));
