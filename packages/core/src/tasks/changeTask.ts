import type { Task } from '@parley/contracts/objects/task';
import type { Executor } from '@parley/db/database';
import {
  appendTaskEvents,
  assignmentsOf,
  type TaskRow,
  updateTask,
  upsertAssignment,
} from '@parley/db/repositories/chatTasks';
import type { ActorSnapshot, TaskAssignmentStatus, TaskState } from '@parley/db/tables/chatTasks';
import { AppError, validationError } from '../appError.js';
import type { Identity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { recordEvent } from '../events/recordEvent.js';
import { transact } from '../idempotency/transact.js';
import { roomActor } from './taskActor.js';
import { findTaskByRef } from './taskRef.js';
import { loadTask } from './taskWire.js';

export interface ChangeTaskInput {
  roomId: string;
  ref: string;
  status?: TaskAssignmentStatus | undefined;
  active_form?: string | undefined;
  comment?: string | undefined;
  subject?: string | undefined;
  detail?: string | undefined;
  linked_native_id?: string | undefined;
  state?: 'cancelled' | 'archived' | 'active' | undefined;
}

type HistoryEntry = { actor: ActorSnapshot; event: string; payload: Record<string, unknown> };

/** Lifecycle moves a `state` write may make (a write of the current state changes nothing). */
const MOVES: Record<TaskState, Partial<Record<'cancelled' | 'archived' | 'active', string>>> = {
  active: { cancelled: 'cancelled', archived: 'archived' },
  archived: { active: 'unarchived' },
  cancelled: { archived: 'archived' },
  superseded: {},
};

const WORK_FIELDS = ['status', 'active_form', 'comment', 'subject', 'detail', 'linked_native_id'] as const;

/**
 * One update of a task, in one transaction (the task row locked): work fields (the caller's own
 * status, live sentence and link; a comment; edits of subject and detail) need an active task and
 * apply before an archive or cancel, after a restore. Every change is its own history row; the
 * room gets one `task_updated` with the full task.
 */
export async function changeTask(deps: CoreDeps, identity: Identity, input: ChangeTaskInput): Promise<Task> {
  const sent = [...WORK_FIELDS, 'state' as const].filter((f) => input[f] !== undefined);
  if (sent.length === 0) {
    throw new AppError('validation_error', 'Send at least one field', {
      '/': [`expected at least one of ${[...WORK_FIELDS, 'state'].join(', ')}`],
    });
  }
  if (input.subject !== undefined && input.subject.trim() === '')
    throw validationError('/subject', 'must not be blank');
  if (input.comment !== undefined && input.comment.trim() === '')
    throw validationError('/comment', 'must not be blank');

  return transact(deps, async (trx) => {
    const { actor, organizationId } = await roomActor(trx, identity, input.roomId);
    const task = await findTaskByRef(trx, input.roomId, input.ref, { forUpdate: true });
    const history: HistoryEntry[] = [];
    const restoring = input.state === 'active' && task.state === 'archived';
    let state = task.state;
    if (restoring) state = await moveState(trx, task, 'active', actor, history);
    const work = WORK_FIELDS.some((f) => input[f] !== undefined);
    if (work && state !== 'active') {
      throw new AppError('validation_error', `Task #${task.number} is ${state}: only active tasks accept work`, {
        '/state': [`task is ${state}`],
      });
    }
    if (work) await applyWork(trx, task, actor, input, history);
    if (input.state !== undefined && !restoring) await moveState(trx, task, input.state, actor, history);
    await appendTaskEvents(trx, task.id, history);
    if (history.length > 0 || work) await updateTask(trx, task.id, {});
    const fresh = await findTaskByRef(trx, input.roomId, task.id);
    const view = await loadTask(trx, fresh);
    await recordEvent(trx, { type: 'task_updated', organizationId, roomId: input.roomId, payload: view });
    return view;
  });
}

async function moveState(
  trx: Executor,
  task: TaskRow,
  to: 'cancelled' | 'archived' | 'active',
  actor: ActorSnapshot,
  history: HistoryEntry[],
): Promise<TaskState> {
  if (task.state === to) return to;
  const event = MOVES[task.state][to];
  if (!event) {
    throw new AppError('validation_error', `Task #${task.number} is ${task.state} and cannot become ${to}`, {
      '/state': [`cannot go from ${task.state} to ${to}`],
    });
  }
  await updateTask(trx, task.id, { state: to });
  history.push({ actor, event, payload: { state: { from: task.state, to } } });
  return to;
}

async function applyWork(
  trx: Executor,
  task: TaskRow,
  actor: ActorSnapshot,
  input: ChangeTaskInput,
  history: HistoryEntry[],
): Promise<void> {
  const edits: Record<string, { from: string; to: string }> = {};
  const subject = input.subject?.trim();
  if (subject !== undefined && subject !== task.subject) edits.subject = { from: task.subject, to: subject };
  if (input.detail !== undefined && input.detail !== task.detail)
    edits.detail = { from: task.detail, to: input.detail };
  if (Object.keys(edits).length > 0) {
    await updateTask(trx, task.id, {
      ...(edits.subject ? { subject: edits.subject.to } : {}),
      ...(edits.detail ? { detail: edits.detail.to } : {}),
    });
    history.push({ actor, event: 'edited', payload: edits });
  }

  const own = input.status !== undefined || input.active_form !== undefined || input.linked_native_id !== undefined;
  if (own) {
    const [mine] = (await assignmentsOf(trx, [task.id])).filter((a) => a.participant_id === actor.id);
    if (!mine && input.status === undefined) {
      throw validationError('/status', 'send your status first: the first status write joins you to the task');
    }
    const status = input.status ?? (mine?.status as TaskAssignmentStatus);
    const linked = input.linked_native_id ?? mine?.linked_native_id ?? '';
    await upsertAssignment(trx, {
      task_id: task.id,
      participant_id: actor.id,
      assignee: actor,
      status,
      active_form: input.active_form ?? mine?.active_form ?? '',
      linked_native_id: linked,
    });
    if (input.status !== undefined && input.status !== mine?.status) {
      history.push({
        actor,
        event: 'status_changed',
        payload: {
          status: { from: mine?.status ?? null, to: input.status },
          ...(input.linked_native_id !== undefined ? { linked_native_id: linked } : {}),
        },
      });
    }
  }
  if (input.comment !== undefined) history.push({ actor, event: 'commented', payload: { text: input.comment } });
}
