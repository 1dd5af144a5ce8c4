import {
  GetMyPlatformAgentInput,
  GetMyPlatformAgentOutput,
  getMyPlatformAgentMeta,
} from '@parley/contracts/human/getMyPlatformAgent';
import { getPlatformAgent } from '@parley/core/platformAgents/getPlatformAgent';
import { toPlatformAgentSettings } from '../../../shape/platformAgent.js';
import { humanProcedure } from '../../../trpc.js';

export const getMyPlatformAgent = humanProcedure
  .meta(getMyPlatformAgentMeta)
  .input(GetMyPlatformAgentInput)
  .output(GetMyPlatformAgentOutput)
  .query(async ({ ctx, input }) => {
    const { agent, settings } = await getPlatformAgent(ctx.deps, ctx.identity, input.id);
    return { data: toPlatformAgentSettings(agent, settings, ctx.deps.platformModels) };
  });
