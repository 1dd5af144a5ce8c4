import { z } from 'zod';
import { Task } from '../objects/task.js';
import { boardOperation } from './boardOperation.js';
import { IncludeHistory, TaskRefParam } from './taskInputs.js';

export const getChatTaskMeta = boardOperation({
  method: 'GET',
  path: '/tasks/{id}',
  operationId: 'getChatTask',
  humanOperationId: 'getMyChatTask',
  summary: 'Get one task',
  description:
    'A task in any state, by UUID or board number. `include=history` embeds the latest 100 history rows ' +
    '(oldest first) and `history_truncated`.',
  errors: ['not_found'],
});

export const GetChatTaskInput = z.strictObject({ ...TaskRefParam, ...IncludeHistory });
export const GetChatTaskOutput = z.object({ data: Task });
