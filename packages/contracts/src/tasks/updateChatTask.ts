import { z } from 'zod';
import { Task } from '../objects/task.js';
import { boardOperation } from './boardOperation.js';
import { TaskRefParam, UpdateTaskBody } from './taskInputs.js';

export const updateChatTaskMeta = boardOperation({
  method: 'POST',
  path: '/tasks/{id}',
  operationId: 'updateChatTask',
  humanOperationId: 'updateMyChatTask',
  summary: 'Update a task',
  description:
    'At least one field. `status` is the caller’s own status (the first one joins the caller to the ' +
    'task); `active_form` and `linked_native_id` are the caller’s own too; `comment` appends a note; ' +
    '`subject`/`detail` edit the task; `state` cancels, archives or restores (`active`). Everything but ' +
    '`state` needs an active task; work fields apply before an archive, after a restore.',
  errors: ['not_found'],
});

export const UpdateChatTaskInput = z.strictObject({ ...TaskRefParam, ...UpdateTaskBody });
export const UpdateChatTaskOutput = z.object({ data: Task });
