import { z } from 'zod';
import { ChatIdParam } from '../chatInputs.js';
import { Task } from '../objects/task.js';
import { boardOperation } from './boardOperation.js';
import { CreateTaskBody } from './taskInputs.js';

export const createChatTaskMeta = boardOperation({
  method: 'POST',
  path: '/tasks',
  operationId: 'createChatTask',
  humanOperationId: 'createMyChatTask',
  summary: "Create a task on the room's board",
  description:
    'The server assigns the id and the next board number. `supersedes_id` (UUID or number of an active ' +
    'task) marks that task superseded and links it to this one. Creating does not assign the creator.',
  successStatus: 201,
  errors: ['not_found'],
});

export const CreateChatTaskInput = z.strictObject({ ...ChatIdParam, ...CreateTaskBody });
export const CreateChatTaskOutput = z.object({ data: Task });
