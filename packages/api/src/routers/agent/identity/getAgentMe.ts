import { GetAgentMeInput, GetAgentMeOutput, getAgentMeMeta } from '@parley/contracts/agent/getAgentMe';
import { getAgentMe as getMe } from '@parley/core/agents/getAgentMe';
import { toAgentMe } from '../../../shape/agents.js';
import { agentProcedure } from '../../../trpc.js';

export const getAgentMe = agentProcedure
  .meta(getAgentMeMeta)
  .input(GetAgentMeInput)
  .output(GetAgentMeOutput)
  .query(async ({ ctx }) => ({ data: toAgentMe(await getMe(ctx.deps, ctx.identity)) }));
