import {
  CreateAgentChatEventInput,
  CreateAgentChatEventOutput,
  createAgentChatEventMeta,
} from '@parley/contracts/agent/chats/createAgentChatEvent';
import { createEvent } from '@parley/core/messages/createEvent';
import { agentProcedure } from '../../../trpc.js';

export const createAgentChatEvent = agentProcedure
  .meta(createAgentChatEventMeta)
  .input(CreateAgentChatEventInput)
  .output(CreateAgentChatEventOutput)
  .mutation(async ({ ctx, input }) => {
    const event = await createEvent(ctx.deps, ctx.identity, {
      roomId: input.chat_id,
      content: input.event.content,
      messageType: input.event.message_type,
      metadata: input.event.metadata,
    });
    return { data: { id: event.id, message_type: event.messageType, success: true } };
  });
