import { sql } from 'kysely';
import type { Executor } from '../database.js';

export interface DeadLetterRow {
  message_id: string;
  chat_room_id: string;
  attempts: number;
  last_error: string | null;
  dead_lettered_at: string;
}

/** An agent's dead-lettered deliveries, newest first (the partial index of dead rows). */
export async function listDeadLetters(db: Executor, agentId: string, limit: number): Promise<DeadLetterRow[]> {
  const result = await sql<DeadLetterRow>`
    SELECT d.message_id, d.chat_room_id, d.current_attempt AS attempts, d.dead_lettered_at,
      (SELECT t.error FROM delivery_attempts t
        WHERE t.message_id = d.message_id AND t.agent_id = d.agent_id
        ORDER BY t.attempt_number DESC LIMIT 1) AS last_error
    FROM message_deliveries d
    WHERE d.agent_id = ${agentId} AND d.dead_lettered_at IS NOT NULL AND d.status = 'failed'
    ORDER BY d.dead_lettered_at DESC, d.message_id
    LIMIT ${limit}`.execute(db);
  return result.rows;
}

/**
 * Puts a dead-lettered delivery back in its agent's queue with a fresh budget: `attempt_base`
 * moves to the attempts used so far, the history stays. False when it is not dead-lettered.
 */
export async function retryDeadLetter(db: Executor, agentId: string, messageId: string): Promise<boolean> {
  const result = await sql`
    UPDATE message_deliveries SET dead_lettered_at = NULL, attempt_base = current_attempt, retry_at = NULL,
      updated_at = clock_timestamp()
    WHERE agent_id = ${agentId} AND message_id = ${messageId} AND dead_lettered_at IS NOT NULL
      AND status = 'failed'
    RETURNING message_id`.execute(db);
  return result.rows.length === 1;
}

export async function setMaxAttempts(db: Executor, agentId: string, maxAttempts: number): Promise<void> {
  await db.updateTable('agents').set({ max_attempts: maxAttempts }).where('id', '=', agentId).execute();
}
