import { z } from 'zod';
import { Timestamp } from '../scalars.js';

export const taskStates = ['active', 'cancelled', 'superseded', 'archived'] as const;
export const taskStatuses = ['pending', 'in_progress', 'blocked', 'in_review', 'failed', 'completed'] as const;
export const taskEventKinds = [
  'created',
  'edited',
  'status_changed',
  'commented',
  'dropped',
  'cancelled',
  'superseded',
  'archived',
  'unarchived',
] as const;

/** Who did something, with the name and handle it had then. */
export const TaskActor = z
  .object({
    id: z.uuid(),
    type: z.enum(['User', 'Agent']),
    name: z.string(),
    handle: z.string().nullable(),
  })
  .meta({ id: 'TaskActor' });

export const TaskAssignment = z
  .object({
    assignee: TaskActor,
    status: z.enum(taskStatuses),
    active_form: z.string(),
    linked_native_id: z.string(),
    updated_at: Timestamp,
  })
  .meta({ id: 'TaskAssignment' });

/** One history row: payloads carry `{field: {from, to}}` for changes (see docs/task-board.md). */
export const TaskEvent = z
  .object({
    actor: TaskActor,
    at: Timestamp,
    event: z.enum(taskEventKinds),
    payload: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'TaskEvent' });
export type TaskEvent = z.infer<typeof TaskEvent>;

export const Task = z
  .object({
    id: z.uuid(),
    chat_room_id: z.uuid(),
    number: z.number().int().meta({ description: 'Per-room board number (#N): gap-free, never reused' }),
    subject: z.string(),
    detail: z.string(),
    state: z.enum(taskStates),
    overall_status: z.enum(taskStatuses),
    superseded_by_id: z.uuid().nullable(),
    created_by: TaskActor,
    assignments: z.array(TaskAssignment),
    inserted_at: Timestamp,
    updated_at: Timestamp,
    history: z.array(TaskEvent).optional().meta({ description: 'Only with include=history: the latest 100 rows' }),
    history_truncated: z.boolean().optional(),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof Task>;

export const BoardEvent = z
  .object({
    actor: TaskActor,
    at: Timestamp,
    event: z.enum(['goal_set', 'goal_edited']),
    payload: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'BoardEvent' });

/** The room goal; every field but the room null until a goal is set. */
export const Board = z
  .object({
    chat_room_id: z.uuid(),
    goal_title: z.string().nullable(),
    goal_summary: z.string().nullable(),
    created_by: TaskActor.nullable(),
    updated_by: TaskActor.nullable(),
    inserted_at: Timestamp.nullable(),
    updated_at: Timestamp.nullable(),
    history: z.array(BoardEvent).optional(),
    history_truncated: z.boolean().optional(),
  })
  .meta({ id: 'Board' });
export type Board = z.infer<typeof Board>;
