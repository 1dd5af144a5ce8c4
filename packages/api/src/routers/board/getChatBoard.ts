import { GetChatBoardInput, GetChatBoardOutput, getChatBoardMeta } from '@parley/contracts/tasks/getChatBoard';
import { getRoomGoal } from '@parley/core/tasks/roomGoal';
import { agentProcedure, humanProcedure } from '../../trpc.js';

const build = (procedure: typeof agentProcedure | typeof humanProcedure, meta: typeof getChatBoardMeta.agent) =>
  procedure
    .meta(meta)
    .input(GetChatBoardInput)
    .output(GetChatBoardOutput)
    .query(async ({ ctx, input }) => ({
      data: await getRoomGoal(ctx.deps, ctx.identity, { roomId: input.chat_id, history: input.include === 'history' }),
    }));

export const getChatBoard = {
  agent: build(agentProcedure, getChatBoardMeta.agent),
  human: build(humanProcedure, getChatBoardMeta.human),
};
