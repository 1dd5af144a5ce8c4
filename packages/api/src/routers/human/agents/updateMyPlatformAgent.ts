import {
  UpdateMyPlatformAgentInput,
  UpdateMyPlatformAgentOutput,
  updateMyPlatformAgentMeta,
} from '@parley/contracts/human/updateMyPlatformAgent';
import { updatePlatformAgent } from '@parley/core/platformAgents/updatePlatformAgent';
import { toPlatformAgentSettings } from '../../../shape/platformAgent.js';
import { humanProcedure } from '../../../trpc.js';

export const updateMyPlatformAgent = humanProcedure
  .meta(updateMyPlatformAgentMeta)
  .input(UpdateMyPlatformAgentInput)
  .output(UpdateMyPlatformAgentOutput)
  .mutation(async ({ ctx, input }) => {
    const { agent, settings } = await updatePlatformAgent(ctx.deps, ctx.identity, input.id, input.agent);
    return { data: toPlatformAgentSettings(agent, settings, ctx.deps.platformModels) };
  });
