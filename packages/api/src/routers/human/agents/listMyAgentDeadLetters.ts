import {
  ListMyAgentDeadLettersInput,
  ListMyAgentDeadLettersOutput,
  listMyAgentDeadLettersMeta,
} from '@parley/contracts/human/listMyAgentDeadLetters';
import { listAgentDeadLetters } from '@parley/core/agents/agentDeadLetters';
import { humanProcedure } from '../../../trpc.js';

export const listMyAgentDeadLetters = humanProcedure
  .meta(listMyAgentDeadLettersMeta)
  .input(ListMyAgentDeadLettersInput)
  .output(ListMyAgentDeadLettersOutput)
  .query(async ({ ctx, input }) => ({
    data: await listAgentDeadLetters(ctx.deps, ctx.identity, { agentId: input.id, limit: input.limit ?? 50 }),
  }));
