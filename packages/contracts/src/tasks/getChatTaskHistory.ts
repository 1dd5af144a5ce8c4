import { z } from 'zod';
import { TaskEvent } from '../objects/task.js';
import { CursorMetadata } from '../pagination.js';
import { boardOperation } from './boardOperation.js';
import { TaskRefParam, taskPageQuery } from './taskInputs.js';

export const getChatTaskHistoryMeta = boardOperation({
  method: 'GET',
  path: '/tasks/{id}/history',
  operationId: 'getChatTaskHistory',
  humanOperationId: 'getMyChatTaskHistory',
  summary: "Read a task's full history",
  description: 'Every history row of the task, oldest first, cursor-paginated (default 50, max 100).',
  errors: ['not_found'],
});

export const GetChatTaskHistoryInput = z.strictObject({ ...TaskRefParam, ...taskPageQuery });
export const GetChatTaskHistoryOutput = z.object({ data: z.array(TaskEvent), metadata: CursorMetadata });
