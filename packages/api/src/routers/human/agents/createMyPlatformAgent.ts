import {
  CreateMyPlatformAgentInput,
  CreateMyPlatformAgentOutput,
  createMyPlatformAgentMeta,
} from '@parley/contracts/human/createMyPlatformAgent';
import { createPlatformAgent } from '@parley/core/platformAgents/createPlatformAgent';
import { toMyAgent } from '../../../shape/agents.js';
import { humanProcedure } from '../../../trpc.js';

export const createMyPlatformAgent = humanProcedure
  .meta(createMyPlatformAgentMeta)
  .input(CreateMyPlatformAgentInput)
  .output(CreateMyPlatformAgentOutput)
  .mutation(async ({ ctx, input }) => {
    const { agent } = await createPlatformAgent(ctx.deps, ctx.identity, {
      ...input.agent,
      description: input.agent.description ?? '',
    });
    return { data: toMyAgent(agent) };
  });
