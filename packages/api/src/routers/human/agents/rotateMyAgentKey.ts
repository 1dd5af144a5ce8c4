import {
  RotateMyAgentKeyInput,
  RotateMyAgentKeyOutput,
  rotateMyAgentKeyMeta,
} from '@parley/contracts/human/rotateMyAgentKey';
import { rotateAgentKey } from '@parley/core/agents/rotateAgentKey';
import { toRegisteredAgent } from '../../../shape/registeredAgent.js';
import { humanProcedure } from '../../../trpc.js';

export const rotateMyAgentKey = humanProcedure
  .meta(rotateMyAgentKeyMeta)
  .input(RotateMyAgentKeyInput)
  .output(RotateMyAgentKeyOutput)
  .mutation(async ({ ctx, input }) => {
    const { agent, apiKey } = await rotateAgentKey(ctx.deps, ctx.identity, { agentId: input.id });
    return { data: toRegisteredAgent(agent, apiKey) };
  });
