import type { Task, TaskEvent } from '@parley/contracts/objects/task';
import type { Executor } from '@parley/db/database';
import {
  type AssignmentRow,
  assignmentsOf,
  type HistoryRow,
  listTaskEvents,
  type TaskRow,
} from '@parley/db/repositories/chatTasks';
import type { ActorSnapshot } from '@parley/db/tables/chatTasks';
import { overallStatus } from './overallStatus.js';

/** The latest history rows `include=history` embeds. */
export const EMBEDDED_HISTORY = 100;

export function actorView(a: ActorSnapshot): Task['created_by'] {
  return { id: a.id, type: a.type, name: a.name, handle: a.handle };
}

export function historyView(row: HistoryRow): TaskEvent {
  return { actor: actorView(row.actor), at: row.at, event: row.event as TaskEvent['event'], payload: row.payload };
}

/** The Task wire object: the one builder behind every REST answer and every task event. */
export function taskView(task: TaskRow, assignments: AssignmentRow[]): Task {
  const own = assignments.filter((a) => a.task_id === task.id);
  return {
    id: task.id,
    chat_room_id: task.chat_room_id,
    number: task.number,
    subject: task.subject,
    detail: task.detail,
    state: task.state,
    overall_status: overallStatus(own.map((a) => a.status)),
    superseded_by_id: task.superseded_by_id,
    created_by: actorView(task.created_by),
    assignments: own.map((a) => ({
      assignee: actorView(a.assignee),
      status: a.status,
      active_form: a.active_form,
      linked_native_id: a.linked_native_id,
      updated_at: a.updated_at,
    })),
    inserted_at: task.inserted_at,
    updated_at: task.updated_at,
  };
}

/** Tasks with their assignments (one query for all of them). */
export async function loadTasks(db: Executor, tasks: TaskRow[]): Promise<Task[]> {
  const assignments = await assignmentsOf(
    db,
    tasks.map((t) => t.id),
  );
  return tasks.map((t) => taskView(t, assignments));
}

export async function loadTask(db: Executor, task: TaskRow, options: { history?: boolean } = {}): Promise<Task> {
  const [view] = await loadTasks(db, [task]);
  if (!view) throw new Error('loadTask: no view');
  if (!options.history) return view;
  const rows = await listTaskEvents(db, task.id, { limit: EMBEDDED_HISTORY + 1, latest: true });
  const truncated = rows.length > EMBEDDED_HISTORY;
  return { ...view, history: (truncated ? rows.slice(1) : rows).map(historyView), history_truncated: truncated };
}
