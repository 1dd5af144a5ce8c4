import { ListChatTasksInput, ListChatTasksOutput, listChatTasksMeta } from '@parley/contracts/tasks/listChatTasks';
import { listRoomTasks } from '@parley/core/tasks/readTasks';
import { agentProcedure, humanProcedure } from '../../trpc.js';

const build = (procedure: typeof agentProcedure | typeof humanProcedure, meta: typeof listChatTasksMeta.agent) =>
  procedure
    .meta(meta)
    .input(ListChatTasksInput)
    .output(ListChatTasksOutput)
    .query(({ ctx, input }) =>
      listRoomTasks(ctx.deps, ctx.identity, {
        roomId: input.chat_id,
        state: input.state,
        cursor: input.cursor,
        limit: input.limit,
      }),
    );

export const listChatTasks = {
  agent: build(agentProcedure, listChatTasksMeta.agent),
  human: build(humanProcedure, listChatTasksMeta.human),
};
