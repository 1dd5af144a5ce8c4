import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { ActorSnapshot } from '../tables/chatTasks.js';
import type { HistoryRow } from './chatTasks.js';

export interface BoardRow {
  chat_room_id: string;
  goal_title: string | null;
  goal_summary: string | null;
  goal_created_by: ActorSnapshot | null;
  goal_updated_by: ActorSnapshot | null;
  goal_inserted_at: string | null;
  goal_updated_at: string | null;
}

const boardColumns = [
  'chat_room_id',
  'goal_title',
  'goal_summary',
  'goal_created_by',
  'goal_updated_by',
  'goal_inserted_at',
  'goal_updated_at',
] as const;

export async function findBoard(db: Executor, roomId: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('chat_boards').select(boardColumns).where('chat_room_id', '=', roomId);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) as BoardRow | undefined;
}

/** Makes sure the room has its board row, and locks it for the caller's transaction. */
export async function lockBoard(db: Executor, roomId: string, organizationId: string): Promise<BoardRow> {
  await db
    .insertInto('chat_boards')
    .values({ chat_room_id: roomId, organization_id: organizationId })
    .onConflict((oc) => oc.column('chat_room_id').doNothing())
    .execute();
  return (await findBoard(db, roomId, { forUpdate: true })) as BoardRow;
}

export async function saveGoal(
  db: Executor,
  roomId: string,
  goal: { title: string | null; summary: string | null; actor: ActorSnapshot; first: boolean },
): Promise<void> {
  const actor = JSON.stringify(goal.actor);
  await db
    .updateTable('chat_boards')
    .set({
      goal_title: goal.title,
      goal_summary: goal.summary,
      goal_updated_by: actor,
      goal_updated_at: sql`now()`,
      ...(goal.first ? { goal_created_by: actor, goal_inserted_at: sql`now()` } : {}),
    })
    .where('chat_room_id', '=', roomId)
    .execute();
}

export async function appendBoardEvent(
  db: Executor,
  roomId: string,
  event: { actor: ActorSnapshot; event: string; payload: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('chat_board_events')
    .values({
      chat_room_id: roomId,
      actor: JSON.stringify(event.actor),
      event: event.event,
      payload: JSON.stringify(event.payload),
    })
    .execute();
}

/** The latest `limit` goal-audit rows, oldest first. */
export async function latestBoardEvents(db: Executor, roomId: string, limit: number): Promise<HistoryRow[]> {
  const rows = (await db
    .selectFrom('chat_board_events')
    .select(['id', 'actor', 'event', 'payload', 'at'])
    .where('chat_room_id', '=', roomId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()) as HistoryRow[];
  return rows.reverse();
}
