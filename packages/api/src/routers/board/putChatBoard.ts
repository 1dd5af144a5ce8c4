import { PutChatBoardInput, PutChatBoardOutput, putChatBoardMeta } from '@parley/contracts/tasks/putChatBoard';
import { putRoomGoal } from '@parley/core/tasks/roomGoal';
import { agentProcedure, humanProcedure } from '../../trpc.js';

const build = (procedure: typeof agentProcedure | typeof humanProcedure, meta: typeof putChatBoardMeta.agent) =>
  procedure
    .meta(meta)
    .input(PutChatBoardInput)
    .output(PutChatBoardOutput)
    .mutation(async ({ ctx, input }) => ({
      data: await putRoomGoal(ctx.deps, ctx.identity, {
        roomId: input.chat_id,
        goal_title: input.goal_title,
        goal_summary: input.goal_summary,
      }),
    }));

export const putChatBoard = {
  agent: build(agentProcedure, putChatBoardMeta.agent),
  human: build(humanProcedure, putChatBoardMeta.human),
};
