import {
  GetChatTaskHistoryInput,
  GetChatTaskHistoryOutput,
  getChatTaskHistoryMeta,
} from '@parley/contracts/tasks/getChatTaskHistory';
import { getRoomTaskHistory } from '@parley/core/tasks/readTasks';
import { agentProcedure, humanProcedure } from '../../trpc.js';

const build = (procedure: typeof agentProcedure | typeof humanProcedure, meta: typeof getChatTaskHistoryMeta.agent) =>
  procedure
    .meta(meta)
    .input(GetChatTaskHistoryInput)
    .output(GetChatTaskHistoryOutput)
    .query(({ ctx, input }) =>
      getRoomTaskHistory(ctx.deps, ctx.identity, {
        roomId: input.chat_id,
        ref: input.id,
        cursor: input.cursor,
        limit: input.limit,
      }),
    );

export const getChatTaskHistory = {
  agent: build(agentProcedure, getChatTaskHistoryMeta.agent),
  human: build(humanProcedure, getChatTaskHistoryMeta.human),
};
