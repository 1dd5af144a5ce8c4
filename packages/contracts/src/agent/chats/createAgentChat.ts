import { z } from 'zod';
import { CreateChatBody } from '../../chatInputs.js';
import { ChatRoom } from '../../objects/chatRoom.js';
import { operation } from '../../operationMeta.js';

export const createAgentChatMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/chats',
  operationId: 'createAgentChat',
  summary: 'Create a chat room',
  description: 'The agent becomes its owner. Counts against the organization’s chat quota (403 `limit_reached`).',
  tags: ['agentApiChats'],
  successStatus: 201,
  errors: ['limit_reached'],
});

export const CreateAgentChatInput = z.strictObject(CreateChatBody);
export const CreateAgentChatOutput = z.object({ data: ChatRoom });
