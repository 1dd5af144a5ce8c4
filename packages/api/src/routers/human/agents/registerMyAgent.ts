import {
  RegisterMyAgentInput,
  RegisterMyAgentOutput,
  registerMyAgentMeta,
} from '@parley/contracts/human/registerMyAgent';
import { registerAgent } from '@parley/core/agents/registerAgent';
import { humanProcedure } from '../../../trpc.js';

export const registerMyAgent = humanProcedure
  .meta(registerMyAgentMeta)
  .input(RegisterMyAgentInput)
  .output(RegisterMyAgentOutput)
  .mutation(async ({ ctx, input }) => {
    const { agent, apiKey } = await registerAgent(ctx.deps, ctx.identity, input.agent);
    return {
      data: {
        agent: {
          id: agent.id,
          name: agent.name,
          description: agent.description,
          owner_id: agent.owner_id,
          handle: agent.handle,
          inserted_at: agent.inserted_at,
        },
        credentials: { api_key: apiKey },
      },
    };
  });
