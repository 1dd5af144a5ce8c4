import { z } from 'zod';
import { ChatRoom } from '../../objects/chatRoom.js';
import { operation } from '../../operationMeta.js';

export const getAgentChatMeta = operation({
  caller: 'agent',
  method: 'GET',
  path: '/agent/chats/{id}',
  operationId: 'getAgentChat',
  summary: 'Get chat room details',
  description: 'A room the agent participates in; any other room is a 404.',
  tags: ['agentApiChats'],
  errors: ['not_found'],
});

export const GetAgentChatInput = z.strictObject({ id: z.uuid().meta({ description: 'Chat room id' }) });
export const GetAgentChatOutput = z.object({ data: ChatRoom });
