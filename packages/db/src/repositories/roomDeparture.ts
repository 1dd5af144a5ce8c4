import { sql } from 'kysely';
import type { Executor } from '../database.js';

/**
 * Before a principal leaves all its rooms for good: in every room where it is the only owner,
 * another participant becomes owner, so no room is left that nobody may manage. The heir is
 * `preferredHeirId` when it is in the room (an agent's owner), else the longest-standing admin,
 * else the longest-standing member. One statement whatever the number of rooms.
 */
export async function handOverSoleOwnerships(db: Executor, principalId: string, preferredHeirId: string) {
  await sql`
    UPDATE chat_participants AS cp SET role = 'owner'
      FROM (
        SELECT DISTINCT ON (p.chat_room_id) p.chat_room_id, p.participant_id
          FROM chat_participants p
          JOIN chat_participants leaving
            ON leaving.chat_room_id = p.chat_room_id AND leaving.participant_id = ${principalId}
               AND leaving.role = 'owner'
         WHERE p.participant_id <> ${principalId}
           AND NOT EXISTS (
             SELECT 1 FROM chat_participants o
              WHERE o.chat_room_id = p.chat_room_id AND o.role = 'owner' AND o.participant_id <> ${principalId})
         ORDER BY p.chat_room_id, (p.participant_id = ${preferredHeirId}) DESC, (p.role = 'admin') DESC,
                  p.inserted_at, p.participant_id
      ) AS heir
     WHERE cp.chat_room_id = heir.chat_room_id AND cp.participant_id = heir.participant_id
  `.execute(db);
}

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
