import type { Task } from '@parley/contracts/objects/task';
import { appendTaskEvents, insertTask, takeTaskNumber, updateTask } from '@parley/db/repositories/chatTasks';
import { validationError } from '../appError.js';
import type { Identity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { recordEvents } from '../events/recordEvent.js';
import { transact } from '../idempotency/transact.js';
import { roomActor } from './taskActor.js';
import { findTaskByRef } from './taskRef.js';
import { loadTasks } from './taskWire.js';

export interface CreateTaskInput {
  roomId: string;
  subject: string;
  detail?: string | undefined;
  supersedesId?: string | undefined;
}

/**
 * Adds a task with the room's next board number, in one transaction with its `created` history
 * row, the superseded task's change (when `supersedesId` names an active task) and the events.
 */
export async function createTask(deps: CoreDeps, identity: Identity, input: CreateTaskInput): Promise<Task> {
  const subject = input.subject.trim();
  if (subject === '') throw validationError('/subject', 'must not be blank');
  return transact(deps, async (trx) => {
    const { actor, organizationId } = await roomActor(trx, identity, input.roomId);
    const old =
      input.supersedesId === undefined
        ? undefined
        : await findTaskByRef(trx, input.roomId, input.supersedesId, { forUpdate: true }).catch(() => {
            throw validationError('/supersedes_id', 'is not a task of this room');
          });
    if (old && old.state !== 'active')
      throw validationError('/supersedes_id', `task #${old.number} is ${old.state}, not active`);
    const number = await takeTaskNumber(trx, input.roomId, organizationId);
    const detail = input.detail ?? '';
    const task = await insertTask(trx, {
      organizationId,
      roomId: input.roomId,
      number,
      subject,
      detail,
      createdBy: actor,
    });
    await appendTaskEvents(trx, task.id, [
      { actor, event: 'created', payload: { subject, detail, ...(old ? { supersedes_id: old.id } : {}) } },
    ]);
    const changed = [task];
    if (old) {
      await updateTask(trx, old.id, { state: 'superseded', superseded_by_id: task.id });
      await appendTaskEvents(trx, old.id, [
        {
          actor,
          event: 'superseded',
          payload: { state: { from: 'active', to: 'superseded' }, superseded_by_id: task.id },
        },
      ]);
      changed.push(await findTaskByRef(trx, input.roomId, old.id));
    }
    const [created, superseded] = await loadTasks(trx, changed);
    if (!created) throw new Error('createTask: the task is missing');
    const room = { organizationId, roomId: input.roomId };
    await recordEvents(trx, [
      { type: 'task_created', ...room, payload: created },
      ...(superseded ? [{ type: 'task_superseded' as const, ...room, payload: superseded }] : []),
    ]);
    return created;
  });
}
