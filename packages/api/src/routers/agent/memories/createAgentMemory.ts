import {
  CreateAgentMemoryInput,
  CreateAgentMemoryOutput,
  createAgentMemoryMeta,
} from '@parley/contracts/agent/createAgentMemory';
import { createMemory } from '@parley/core/memories/createMemory';
import { toAgentMemory } from '../../../shape/memories.js';
import { agentProcedure } from '../../../trpc.js';

export const createAgentMemory = agentProcedure
  .meta(createAgentMemoryMeta)
  .input(CreateAgentMemoryInput)
  .output(CreateAgentMemoryOutput)
  .mutation(async ({ ctx, input }) => ({
    data: toAgentMemory(await createMemory(ctx.deps, ctx.identity, input.memory)),
  }));
