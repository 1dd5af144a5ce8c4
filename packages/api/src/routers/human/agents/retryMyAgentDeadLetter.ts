import {
  RetryMyAgentDeadLetterInput,
  RetryMyAgentDeadLetterOutput,
  retryMyAgentDeadLetterMeta,
} from '@parley/contracts/human/retryMyAgentDeadLetter';
import { retryAgentDeadLetter } from '@parley/core/agents/agentDeadLetters';
import { humanProcedure } from '../../../trpc.js';

export const retryMyAgentDeadLetter = humanProcedure
  .meta(retryMyAgentDeadLetterMeta)
  .input(RetryMyAgentDeadLetterInput)
  .output(RetryMyAgentDeadLetterOutput)
  .mutation(async ({ ctx, input }) => ({
    data: await retryAgentDeadLetter(ctx.deps, ctx.identity, { agentId: input.id, messageId: input.message_id }),
  }));
