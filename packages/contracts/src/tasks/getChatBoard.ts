import { z } from 'zod';
import { ChatIdParam } from '../chatInputs.js';
import { Board } from '../objects/task.js';
import { boardOperation } from './boardOperation.js';
import { IncludeHistory } from './taskInputs.js';

export const getChatBoardMeta = boardOperation({
  method: 'GET',
  path: '/board',
  operationId: 'getChatBoard',
  humanOperationId: 'getMyChatBoard',
  summary: 'Get the room goal',
  description: 'The room goal; `goal_title` null until one is set. `include=history` embeds its audit trail.',
  errors: ['not_found'],
});

export const GetChatBoardInput = z.strictObject({ ...ChatIdParam, ...IncludeHistory });
export const GetChatBoardOutput = z.object({ data: Board });
