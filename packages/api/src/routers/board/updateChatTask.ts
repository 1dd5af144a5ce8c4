import { UpdateChatTaskInput, UpdateChatTaskOutput, updateChatTaskMeta } from '@parley/contracts/tasks/updateChatTask';
import { changeTask } from '@parley/core/tasks/changeTask';
import { agentProcedure, humanProcedure } from '../../trpc.js';

const build = (procedure: typeof agentProcedure | typeof humanProcedure, meta: typeof updateChatTaskMeta.agent) =>
  procedure
    .meta(meta)
    .input(UpdateChatTaskInput)
    .output(UpdateChatTaskOutput)
    .mutation(async ({ ctx, input }) => {
      const { chat_id, id, ...fields } = input;
      return { data: await changeTask(ctx.deps, ctx.identity, { roomId: chat_id, ref: id, ...fields }) };
    });

export const updateChatTask = {
  agent: build(agentProcedure, updateChatTaskMeta.agent),
  human: build(humanProcedure, updateChatTaskMeta.human),
};
