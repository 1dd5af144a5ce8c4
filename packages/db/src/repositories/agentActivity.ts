import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { ActorSnapshot } from '../tables/chatTasks.js';

export interface ActivityRow {
  chat_room_id: string;
  agent_id: string;
  organization_id: string;
  agent: ActorSnapshot;
  expires_at: string;
}

const columns = ['chat_room_id', 'agent_id', 'organization_id', 'agent', 'expires_at'] as const;

/**
 * Turns the indicator on or keeps it on until `ttlMs` from now (database time). Returns the row
 * and whether this call turned it on (no row before): only then is "started" announced.
 */
export async function keepWorking(
  db: Executor,
  row: { roomId: string; agentId: string; organizationId: string; agent: ActorSnapshot; ttlMs: number },
): Promise<{ row: ActivityRow; started: boolean }> {
  const expires = sql<string>`now() + make_interval(secs => ${row.ttlMs / 1000})`;
  // A sweep may delete an expired row between the two statements: then insert again.
  for (let attempt = 0; ; attempt++) {
    const inserted = await db
      .insertInto('agent_activity')
      .values({
        chat_room_id: row.roomId,
        agent_id: row.agentId,
        organization_id: row.organizationId,
        agent: JSON.stringify(row.agent),
        expires_at: expires,
      })
      .onConflict((oc) => oc.columns(['chat_room_id', 'agent_id']).doNothing())
      .returning(columns)
      .executeTakeFirst();
    if (inserted) return { row: inserted as ActivityRow, started: true };
    const updated = await db
      .updateTable('agent_activity')
      .set({ expires_at: expires })
      .where('chat_room_id', '=', row.roomId)
      .where('agent_id', '=', row.agentId)
      .returning(columns)
      .executeTakeFirst();
    if (updated) return { row: updated as ActivityRow, started: false };
    if (attempt >= 3) throw new Error('keepWorking: the activity row keeps vanishing');
  }
}

/** Turns the indicator off; the row when it was on (whoever deletes the row announces the stop). */
export async function stopWorking(db: Executor, roomId: string, agentId: string): Promise<ActivityRow | undefined> {
  return (await db
    .deleteFrom('agent_activity')
    .where('chat_room_id', '=', roomId)
    .where('agent_id', '=', agentId)
    .returning(columns)
    .executeTakeFirst()) as ActivityRow | undefined;
}

/**
 * Deletes up to `limit` indicators past their expiry. Rows another transaction holds (a
 * keep-alive, another instance's sweep) are skipped, so each expired row is deleted, and its
 * stop announced, by exactly one sweep.
 */
export async function takeExpired(db: Executor, limit: number): Promise<ActivityRow[]> {
  return (await db
    .deleteFrom('agent_activity')
    .where(({ eb, refTuple, selectFrom }) =>
      eb(
        refTuple('chat_room_id', 'agent_id'),
        'in',
        selectFrom('agent_activity as a')
          .select(['a.chat_room_id', 'a.agent_id'])
          .where('a.expires_at', '<=', sql<string>`now()`)
          .limit(limit)
          .forUpdate()
          .skipLocked() as never,
      ),
    )
    .returning(columns)
    .execute()) as ActivityRow[];
}
