import { sql } from 'kysely';
import type { Executor } from '../database.js';

export interface AgentHistory {
  /** Messages of any type the agent sent. */
  messagesSent: number;
  /** Messages delivered to the agent for processing (one per message and agent). */
  deliveries: number;
  /** Processing attempts on those deliveries: the agent's executions. */
  executions: number;
  /** Memories the agent wrote. */
  memories: number;
}

/** What an agent has left behind, counted in one statement over indexed columns. */
export async function countAgentHistory(db: Executor, agentId: string): Promise<AgentHistory> {
  const { rows } = await sql<{ messages: string; deliveries: string; executions: string; memories: string }>`
    SELECT
      (SELECT count(*) FROM messages WHERE sender_id = ${agentId}) AS messages,
      (SELECT count(*) FROM message_deliveries WHERE agent_id = ${agentId}) AS deliveries,
      (SELECT count(*)
         FROM message_deliveries d
         JOIN delivery_attempts a ON a.message_id = d.message_id AND a.agent_id = d.agent_id
        WHERE d.agent_id = ${agentId}) AS executions,
      (SELECT count(*) FROM memories WHERE source_agent_id = ${agentId}) AS memories
  `.execute(db);
  const row = rows[0];
  return {
    messagesSent: Number(row?.messages ?? 0),
    deliveries: Number(row?.deliveries ?? 0),
    executions: Number(row?.executions ?? 0),
    memories: Number(row?.memories ?? 0),
  };
}

export function hasHistory(history: AgentHistory): boolean {
  return history.messagesSent + history.deliveries + history.executions + history.memories > 0;
}

/** Deletes the agent's processing attempts; returns how many went. Reached through deliveries' index. */
export async function deleteAgentExecutions(db: Executor, agentId: string): Promise<number> {
  const result = await db
    .deleteFrom('delivery_attempts')
    .using('message_deliveries')
    .where('message_deliveries.agent_id', '=', agentId)
    .whereRef('delivery_attempts.message_id', '=', 'message_deliveries.message_id')
    .whereRef('delivery_attempts.agent_id', '=', 'message_deliveries.agent_id')
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
