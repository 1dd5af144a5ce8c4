import {
  deleteAgentMemoryMeta,
  SupersedeAgentMemoryInput,
  SupersedeAgentMemoryOutput,
  supersedeAgentMemoryMeta,
} from '@parley/contracts/agent/supersedeAgentMemory';
import { supersedeAgentMemory as supersede } from '@parley/core/memories/changeAgentMemory';
import { toAgentMemory } from '../../../shape/memories.js';
import { agentProcedure } from '../../../trpc.js';

const base = agentProcedure.input(SupersedeAgentMemoryInput).output(SupersedeAgentMemoryOutput);

export const supersedeAgentMemory = base
  .meta(supersedeAgentMemoryMeta)
  .mutation(async ({ ctx, input }) => ({ data: toAgentMemory(await supersede(ctx.deps, ctx.identity, input.id)) }));

/** `DELETE /agent/memories/{id}`: the same operation under its older route. */
export const deleteAgentMemory = base
  .meta(deleteAgentMemoryMeta)
  .mutation(async ({ ctx, input }) => ({ data: toAgentMemory(await supersede(ctx.deps, ctx.identity, input.id)) }));
