import {
  ReportAgentChatActivityInput,
  ReportAgentChatActivityOutput,
  reportAgentChatActivityMeta,
} from '@parley/contracts/agent/chats/reportAgentChatActivity';
import { reportActivity } from '@parley/core/activity/workingIndicator';
import { agentProcedure } from '../../../trpc.js';

export const reportAgentChatActivity = agentProcedure
  .meta(reportAgentChatActivityMeta)
  .input(ReportAgentChatActivityInput)
  .output(ReportAgentChatActivityOutput)
  .mutation(async ({ ctx, input }) => ({
    data: await reportActivity(ctx.deps, ctx.identity, { roomId: input.chat_id, working: input.working }),
  }));
