import type { Task, TaskEvent } from '@parley/contracts/objects/task';
import { listTaskEvents, listTasks } from '@parley/db/repositories/chatTasks';
import type { TaskState } from '@parley/db/tables/chatTasks';
import type { Identity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { decodeBoardCursor, encodeBoardCursor } from './boardCursor.js';
import { roomActor } from './taskActor.js';
import { findTaskByRef } from './taskRef.js';
import { historyView, loadTask, loadTasks } from './taskWire.js';

const DEFAULT_LIMIT = 50;

interface Page<T> {
  data: T[];
  metadata: { has_more: boolean; limit: number; next_cursor: string | null };
}

/** The board by number; `state` defaults to active, `all` is every state. */
export async function listRoomTasks(
  deps: CoreDeps,
  identity: Identity,
  input: {
    roomId: string;
    state?: TaskState | 'all' | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
): Promise<Page<Task>> {
  await roomActor(deps.db, identity, input.roomId);
  const state = input.state ?? 'active';
  const kind = `tasks:${input.roomId}:${state}`;
  const after = decodeBoardCursor(input.cursor, kind);
  const limit = input.limit ?? DEFAULT_LIMIT;
  const rows = await listTasks(deps.db, input.roomId, {
    states: state === 'all' ? null : [state],
    afterNumber: after,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  const last = page.at(-1);
  return {
    data: await loadTasks(deps.db, page),
    metadata: { has_more: hasMore, limit, next_cursor: hasMore && last ? encodeBoardCursor(kind, last.number) : null },
  };
}

export async function getRoomTask(
  deps: CoreDeps,
  identity: Identity,
  input: { roomId: string; ref: string; history?: boolean },
): Promise<Task> {
  await roomActor(deps.db, identity, input.roomId);
  const task = await findTaskByRef(deps.db, input.roomId, input.ref);
  return loadTask(deps.db, task, { history: input.history ?? false });
}

/** The task's whole history, oldest first, by pages. */
export async function getRoomTaskHistory(
  deps: CoreDeps,
  identity: Identity,
  input: { roomId: string; ref: string; cursor?: string | undefined; limit?: number | undefined },
): Promise<Page<TaskEvent>> {
  await roomActor(deps.db, identity, input.roomId);
  const task = await findTaskByRef(deps.db, input.roomId, input.ref);
  const kind = `history:${task.id}`;
  const after = decodeBoardCursor(input.cursor, kind);
  const limit = input.limit ?? DEFAULT_LIMIT;
  const rows = await listTaskEvents(deps.db, task.id, { afterId: after, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  const last = page.at(-1);
  return {
    data: page.map(historyView),
    metadata: { has_more: hasMore, limit, next_cursor: hasMore && last ? encodeBoardCursor(kind, last.id) : null },
  };
}
