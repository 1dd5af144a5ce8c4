import {
  RegisterMyAgentInput,
  RegisterMyAgentOutput,
  registerMyAgentMeta,
} from '@parley/contracts/human/registerMyAgent';
import { registerAgent } from '@parley/core/agents/registerAgent';
import { toRegisteredAgent } from '../../../shape/registeredAgent.js';
import { humanProcedure } from '../../../trpc.js';

export const registerMyAgent = humanProcedure
  .meta(registerMyAgentMeta)
  .input(RegisterMyAgentInput)
  .output(RegisterMyAgentOutput)
  .mutation(async ({ ctx, input }) => {
    const { agent, apiKey } = await registerAgent(ctx.deps, ctx.identity, input.agent);
    return { data: toRegisteredAgent(agent, apiKey) };
  });
