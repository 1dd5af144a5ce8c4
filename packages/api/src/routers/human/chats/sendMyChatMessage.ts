import {
  SendMyChatMessageInput,
  SendMyChatMessageOutput,
  sendMyChatMessageMeta,
} from '@parley/contracts/human/chats/sendMyChatMessage';
import { sendMessage } from '@parley/core/messages/sendMessage';
import { humanProcedure } from '../../../trpc.js';

export const sendMyChatMessage = humanProcedure
  .meta(sendMyChatMessageMeta)
  .input(SendMyChatMessageInput)
  .output(SendMyChatMessageOutput)
  .mutation(async ({ ctx, input }) => {
    const sent = await sendMessage(ctx.deps, ctx.identity, { roomId: input.chat_id, ...input.message });
    return { data: { ...sent, success: true } };
  });
