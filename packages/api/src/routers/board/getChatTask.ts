import { GetChatTaskInput, GetChatTaskOutput, getChatTaskMeta } from '@parley/contracts/tasks/getChatTask';
import { getRoomTask } from '@parley/core/tasks/readTasks';
import { agentProcedure, humanProcedure } from '../../trpc.js';

const build = (procedure: typeof agentProcedure | typeof humanProcedure, meta: typeof getChatTaskMeta.agent) =>
  procedure
    .meta(meta)
    .input(GetChatTaskInput)
    .output(GetChatTaskOutput)
    .query(async ({ ctx, input }) => ({
      data: await getRoomTask(ctx.deps, ctx.identity, {
        roomId: input.chat_id,
        ref: input.id,
        history: input.include === 'history',
      }),
    }));

export const getChatTask = {
  agent: build(agentProcedure, getChatTaskMeta.agent),
  human: build(humanProcedure, getChatTaskMeta.human),
};
