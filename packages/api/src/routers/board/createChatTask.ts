import { CreateChatTaskInput, CreateChatTaskOutput, createChatTaskMeta } from '@parley/contracts/tasks/createChatTask';
import { createTask } from '@parley/core/tasks/createTask';
import { agentProcedure, humanProcedure } from '../../trpc.js';

const build = (procedure: typeof agentProcedure | typeof humanProcedure, meta: typeof createChatTaskMeta.agent) =>
  procedure
    .meta(meta)
    .input(CreateChatTaskInput)
    .output(CreateChatTaskOutput)
    .mutation(async ({ ctx, input }) => ({
      data: await createTask(ctx.deps, ctx.identity, {
        roomId: input.chat_id,
        subject: input.subject,
        detail: input.detail,
        supersedesId: input.supersedes_id,
      }),
    }));

export const createChatTask = {
  agent: build(agentProcedure, createChatTaskMeta.agent),
  human: build(humanProcedure, createChatTaskMeta.human),
};
