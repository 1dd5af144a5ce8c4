import type { Executor } from '@parley/db/database';
import { findTask, type TaskRow } from '@parley/db/repositories/chatTasks';
import { notFound } from '../appError.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^#?[1-9]\d{0,8}$/;

/** A task of the room by UUID or board number (`3` or `#3`); anything else is simply not found. */
export async function findTaskByRef(
  db: Executor,
  roomId: string,
  ref: string,
  options: { forUpdate?: boolean } = {},
): Promise<TaskRow> {
  let task: TaskRow | undefined;
  if (UUID.test(ref)) task = await findTask(db, roomId, { id: ref.toLowerCase() }, options);
  else if (NUMBER.test(ref)) task = await findTask(db, roomId, { number: Number(ref.replace('#', '')) }, options);
  if (!task) throw notFound('Task');
  return task;
}
