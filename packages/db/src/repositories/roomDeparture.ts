import { sql } from 'kysely';
import type { Executor } from '../database.js';

/**
 * Takes a principal out of every room it is in, giving back the participant seat it held in each
 * room's `participants` quota. Two statements whatever the number of rooms; returns the rooms left.
 */
export async function leaveAllRooms(db: Executor, principalId: string): Promise<number> {
  await db
    .updateTable('quota_usage')
    .from('chat_participants')
    .set({ used: sql`greatest(quota_usage.used - 1, 0)` })
    .where('chat_participants.participant_id', '=', principalId)
    .whereRef('quota_usage.scope_id', '=', 'chat_participants.chat_room_id')
    .where('quota_usage.resource', '=', 'participants')
    .execute();
  const result = await db.deleteFrom('chat_participants').where('participant_id', '=', principalId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
