import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { ActorSnapshot, TaskAssignmentStatus, TaskState } from '../tables/chatTasks.js';

export interface TaskRow {
  id: string;
  organization_id: string;
  chat_room_id: string;
  number: number;
  subject: string;
  detail: string;
  state: TaskState;
  superseded_by_id: string | null;
  created_by: ActorSnapshot;
  inserted_at: string;
  updated_at: string;
}

export interface AssignmentRow {
  task_id: string;
  participant_id: string;
  assignee: ActorSnapshot;
  status: TaskAssignmentStatus;
  active_form: string;
  linked_native_id: string;
  updated_at: string;
}

export interface HistoryRow {
  id: number;
  actor: ActorSnapshot;
  event: string;
  payload: Record<string, unknown>;
  at: string;
}

const taskColumns = [
  'id',
  'organization_id',
  'chat_room_id',
  'number',
  'subject',
  'detail',
  'state',
  'superseded_by_id',
  'created_by',
  'inserted_at',
  'updated_at',
] as const;

/**
 * The next board number of a room: one upsert on the room's board row, which holds its lock until
 * the caller's transaction ends, so concurrent creates take consecutive numbers in turn.
 */
export async function takeTaskNumber(db: Executor, roomId: string, organizationId: string): Promise<number> {
  const row = await db
    .insertInto('chat_boards')
    .values({ chat_room_id: roomId, organization_id: organizationId, task_counter: 1 })
    .onConflict((oc) => oc.column('chat_room_id').doUpdateSet({ task_counter: sql`chat_boards.task_counter + 1` }))
    .returning('task_counter')
    .executeTakeFirstOrThrow();
  return row.task_counter;
}

export async function insertTask(
  db: Executor,
  task: {
    organizationId: string;
    roomId: string;
    number: number;
    subject: string;
    detail: string;
    createdBy: ActorSnapshot;
  },
): Promise<TaskRow> {
  return (await db
    .insertInto('chat_tasks')
    .values({
      organization_id: task.organizationId,
      chat_room_id: task.roomId,
      number: task.number,
      subject: task.subject,
      detail: task.detail,
      created_by: JSON.stringify(task.createdBy),
    })
    .returning(taskColumns)
    .executeTakeFirstOrThrow()) as TaskRow;
}

/** A task of a room by UUID or board number; `forUpdate` locks it for the caller's transaction. */
export async function findTask(
  db: Executor,
  roomId: string,
  ref: { id: string } | { number: number },
  options: { forUpdate?: boolean } = {},
): Promise<TaskRow | undefined> {
  let query = db.selectFrom('chat_tasks').select(taskColumns).where('chat_room_id', '=', roomId);
  query = 'id' in ref ? query.where('id', '=', ref.id) : query.where('number', '=', ref.number);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) as TaskRow | undefined;
}

/** One page of a room's tasks by number; `states` null means every state. */
export async function listTasks(
  db: Executor,
  roomId: string,
  options: { states: TaskState[] | null; afterNumber: number; limit: number },
): Promise<TaskRow[]> {
  let query = db
    .selectFrom('chat_tasks')
    .select(taskColumns)
    .where('chat_room_id', '=', roomId)
    .where('number', '>', options.afterNumber);
  if (options.states) query = query.where('state', 'in', options.states);
  return (await query.orderBy('number').limit(options.limit).execute()) as TaskRow[];
}

export async function updateTask(
  db: Executor,
  taskId: string,
  changes: Partial<Pick<TaskRow, 'subject' | 'detail' | 'state' | 'superseded_by_id'>>,
): Promise<void> {
  await db
    .updateTable('chat_tasks')
    .set({ ...changes, updated_at: sql`now()` })
    .where('id', '=', taskId)
    .execute();
}

/** Assignments of these tasks, in join order. */
export async function assignmentsOf(db: Executor, taskIds: string[]): Promise<AssignmentRow[]> {
  if (taskIds.length === 0) return [];
  return (await db
    .selectFrom('chat_task_assignments')
    .select(['task_id', 'participant_id', 'assignee', 'status', 'active_form', 'linked_native_id', 'updated_at'])
    .where('task_id', 'in', taskIds)
    .orderBy('joined_at')
    .orderBy('participant_id')
    .execute()) as AssignmentRow[];
}

export async function upsertAssignment(db: Executor, row: Omit<AssignmentRow, 'updated_at'>): Promise<void> {
  await db
    .insertInto('chat_task_assignments')
    .values({ ...row, assignee: JSON.stringify(row.assignee) })
    .onConflict((oc) =>
      oc.columns(['task_id', 'participant_id']).doUpdateSet({
        status: row.status,
        active_form: row.active_form,
        linked_native_id: row.linked_native_id,
        assignee: JSON.stringify(row.assignee),
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

export async function appendTaskEvents(
  db: Executor,
  taskId: string,
  events: { actor: ActorSnapshot; event: string; payload: Record<string, unknown> }[],
): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('chat_task_events')
    .values(
      events.map((e) => ({
        task_id: taskId,
        actor: JSON.stringify(e.actor),
        event: e.event,
        payload: JSON.stringify(e.payload),
      })),
    )
    .execute();
}

/** History oldest first after `afterId`; or, with `latest`, the latest `limit` rows (oldest first). */
export async function listTaskEvents(
  db: Executor,
  taskId: string,
  options: { afterId?: number; limit: number; latest?: boolean },
): Promise<HistoryRow[]> {
  const base = db
    .selectFrom('chat_task_events')
    .select(['id', 'actor', 'event', 'payload', 'at'])
    .where('task_id', '=', taskId);
  if (options.latest) {
    const rows = (await base.orderBy('id', 'desc').limit(options.limit).execute()) as HistoryRow[];
    return rows.reverse();
  }
  return (await base
    .where('id', '>', options.afterId ?? 0)
    .orderBy('id')
    .limit(options.limit)
    .execute()) as HistoryRow[];
}
