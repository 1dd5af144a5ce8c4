import {
  SetMyAgentMaxAttemptsInput,
  SetMyAgentMaxAttemptsOutput,
  setMyAgentMaxAttemptsMeta,
} from '@parley/contracts/human/setMyAgentMaxAttempts';
import { setAgentMaxAttempts } from '@parley/core/agents/agentDeadLetters';
import { humanProcedure } from '../../../trpc.js';

export const setMyAgentMaxAttempts = humanProcedure
  .meta(setMyAgentMaxAttemptsMeta)
  .input(SetMyAgentMaxAttemptsInput)
  .output(SetMyAgentMaxAttemptsOutput)
  .mutation(async ({ ctx, input }) => ({
    data: await setAgentMaxAttempts(ctx.deps, ctx.identity, { agentId: input.id, maxAttempts: input.max_attempts }),
  }));
