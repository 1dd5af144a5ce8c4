import { DeleteMyAgentInput, DeleteMyAgentOutput, deleteMyAgentMeta } from '@parley/contracts/human/deleteMyAgent';
import { deleteAgent } from '@parley/core/agents/deleteAgent';
import { humanProcedure } from '../../../trpc.js';

export const deleteMyAgent = humanProcedure
  .meta(deleteMyAgentMeta)
  .input(DeleteMyAgentInput)
  .output(DeleteMyAgentOutput)
  .mutation(async ({ ctx, input }) => {
    const { agent, executionsDeleted } = await deleteAgent(ctx.deps, ctx.identity, {
      agentId: input.id,
      force: input.force ?? false,
    });
    return {
      data: {
        id: agent.id,
        name: agent.name,
        description: agent.description,
        executions_deleted: executionsDeleted,
      },
    };
  });
