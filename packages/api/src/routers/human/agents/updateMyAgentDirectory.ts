import {
  UpdateMyAgentDirectoryInput,
  UpdateMyAgentDirectoryOutput,
  updateMyAgentDirectoryMeta,
} from '@parley/contracts/human/updateMyAgentDirectory';
import { updateAgentDirectory } from '@parley/core/agents/updateAgentDirectory';
import { toMyAgent } from '../../../shape/agents.js';
import { humanProcedure } from '../../../trpc.js';

export const updateMyAgentDirectory = humanProcedure
  .meta(updateMyAgentDirectoryMeta)
  .input(UpdateMyAgentDirectoryInput)
  .output(UpdateMyAgentDirectoryOutput)
  .mutation(async ({ ctx, input }) => ({
    data: toMyAgent(await updateAgentDirectory(ctx.deps, ctx.identity, input.id, input.agent)),
  }));
