import type { CoreDeps } from '@parley/core/deps';
import { sql } from 'kysely';

/**
 * What the database says about a drained room: deliveries, how many processed, attempts and
 * successful attempts, the highest attempt number. Exactly once means all equal the queue's size
 * and the highest attempt is 1.
 */
export async function verifyDrain(deps: CoreDeps, roomId: string) {
  const { rows } = await sql<{
    deliveries: number;
    processed: number;
    max_attempt: number;
    attempts: number;
    successes: number;
  }>`
    SELECT count(*)::int AS deliveries,
           count(*) FILTER (WHERE d.status = 'processed')::int AS processed,
           max(d.current_attempt)::int AS max_attempt,
           (SELECT count(*)::int FROM delivery_attempts a JOIN message_deliveries x USING (message_id, agent_id)
             WHERE x.chat_room_id = ${roomId}) AS attempts,
           (SELECT count(*)::int FROM delivery_attempts a JOIN message_deliveries x USING (message_id, agent_id)
             WHERE x.chat_room_id = ${roomId} AND a.status = 'success') AS successes
      FROM message_deliveries d WHERE d.chat_room_id = ${roomId}`.execute(deps.db);
  return rows[0];
}
