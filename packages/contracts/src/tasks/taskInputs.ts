import { z } from 'zod';
import { ChatIdParam } from '../chatInputs.js';
import { taskStatuses } from '../objects/task.js';
import { QueryInt } from '../scalars.js';

/** A task by UUID or board number (`3` is task #3). */
export const TaskRefParam = {
  ...ChatIdParam,
  id: z.string().min(1).max(64).meta({ description: 'Task UUID or board number' }),
};

export const taskPageQuery = {
  cursor: z.string().min(1).max(512).optional(),
  limit: QueryInt.min(1).max(100).optional().meta({ description: 'Page size (default 50, max 100)' }),
};

export const IncludeHistory = { include: z.enum(['history']).optional() };

const text = (max: number) => z.string().max(max);

export const CreateTaskBody = {
  subject: text(500).meta({ description: 'What needs to be done (not blank)' }),
  detail: text(20_000).optional(),
  supersedes_id: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .meta({ description: 'UUID or board number of the active task this replaces' }),
};

export const UpdateTaskBody = {
  status: z.enum(taskStatuses).optional(),
  active_form: text(500).optional(),
  comment: text(20_000).optional(),
  subject: text(500).optional(),
  detail: text(20_000).optional(),
  linked_native_id: text(500).optional(),
  state: z.enum(['cancelled', 'archived', 'active']).optional(),
};

export const PutBoardBody = {
  goal_title: text(500).optional(),
  goal_summary: text(20_000).optional(),
};
