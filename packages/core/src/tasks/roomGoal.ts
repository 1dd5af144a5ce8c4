import type { Board } from '@parley/contracts/objects/task';
import type { Executor } from '@parley/db/database';
import {
  appendBoardEvent,
  type BoardRow,
  findBoard,
  latestBoardEvents,
  lockBoard,
  saveGoal,
} from '@parley/db/repositories/chatBoards';
import { AppError } from '../appError.js';
import type { Identity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { recordEvent } from '../events/recordEvent.js';
import { transact } from '../idempotency/transact.js';
import { roomActor } from './taskActor.js';
import { actorView, EMBEDDED_HISTORY, historyView } from './taskWire.js';

/** The Board wire object (the room goal), for REST answers and `board_updated` alike. */
export function boardView(roomId: string, row: BoardRow | undefined): Board {
  return {
    chat_room_id: roomId,
    goal_title: row?.goal_title ?? null,
    goal_summary: row?.goal_summary ?? null,
    created_by: row?.goal_created_by ? actorView(row.goal_created_by) : null,
    updated_by: row?.goal_updated_by ? actorView(row.goal_updated_by) : null,
    inserted_at: row?.goal_inserted_at ?? null,
    updated_at: row?.goal_updated_at ?? null,
  };
}

async function withHistory(db: Executor, board: Board): Promise<Board> {
  const rows = await latestBoardEvents(db, board.chat_room_id, EMBEDDED_HISTORY + 1);
  const truncated = rows.length > EMBEDDED_HISTORY;
  return {
    ...board,
    history: (truncated ? rows.slice(1) : rows).map((r) => ({
      ...historyView(r),
      event: r.event as 'goal_set' | 'goal_edited',
    })),
    history_truncated: truncated,
  };
}

export async function getRoomGoal(
  deps: CoreDeps,
  identity: Identity,
  input: { roomId: string; history?: boolean },
): Promise<Board> {
  await roomActor(deps.db, identity, input.roomId);
  const board = boardView(input.roomId, await findBoard(deps.db, input.roomId));
  return input.history ? withHistory(deps.db, board) : board;
}

/**
 * Sets the goal (upsert): only the fields sent change; a write that changes nothing records
 * nothing. The first write is `goal_set`, later ones `goal_edited`, each with from → to.
 */
export async function putRoomGoal(
  deps: CoreDeps,
  identity: Identity,
  input: { roomId: string; goal_title?: string | undefined; goal_summary?: string | undefined },
): Promise<Board> {
  if (input.goal_title === undefined && input.goal_summary === undefined) {
    throw new AppError('validation_error', 'Send goal_title and/or goal_summary', {
      '/': ['expected at least one of goal_title, goal_summary'],
    });
  }
  return transact(deps, async (trx) => {
    const { actor, organizationId } = await roomActor(trx, identity, input.roomId);
    const row = await lockBoard(trx, input.roomId, organizationId);
    const first = row.goal_updated_at === null;
    const changes: Record<string, { from: string | null; to: string }> = {};
    if (input.goal_title !== undefined && input.goal_title !== row.goal_title) {
      changes.goal_title = { from: row.goal_title, to: input.goal_title };
    }
    if (input.goal_summary !== undefined && input.goal_summary !== row.goal_summary) {
      changes.goal_summary = { from: row.goal_summary, to: input.goal_summary };
    }
    if (Object.keys(changes).length === 0) return boardView(input.roomId, row);
    await saveGoal(trx, input.roomId, {
      title: changes.goal_title?.to ?? row.goal_title,
      summary: changes.goal_summary?.to ?? row.goal_summary,
      actor,
      first,
    });
    await appendBoardEvent(trx, input.roomId, { actor, event: first ? 'goal_set' : 'goal_edited', payload: changes });
    const board = boardView(input.roomId, await findBoard(trx, input.roomId));
    await recordEvent(trx, { type: 'board_updated', organizationId, roomId: input.roomId, payload: board });
    return board;
  });
}
