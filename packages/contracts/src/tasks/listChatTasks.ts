import { z } from 'zod';
import { ChatIdParam } from '../chatInputs.js';
import { Task } from '../objects/task.js';
import { CursorMetadata } from '../pagination.js';
import { boardOperation } from './boardOperation.js';
import { taskPageQuery } from './taskInputs.js';

export const taskStateFilters = ['active', 'cancelled', 'superseded', 'archived', 'all'] as const;

export const listChatTasksMeta = boardOperation({
  method: 'GET',
  path: '/tasks',
  operationId: 'listChatTasks',
  humanOperationId: 'listMyChatTasks',
  summary: "List the room's task board",
  description:
    'Tasks of the room by board number. `state` filters by lifecycle (default `active`; `all` for every ' +
    'state). Cursor pages: `limit` (default 50, max 100) and the previous page’s `next_cursor`.',
  errors: ['not_found'],
});

export const ListChatTasksInput = z.strictObject({
  ...ChatIdParam,
  state: z.enum(taskStateFilters).optional(),
  ...taskPageQuery,
});
export const ListChatTasksOutput = z.object({ data: z.array(Task), metadata: CursorMetadata });
