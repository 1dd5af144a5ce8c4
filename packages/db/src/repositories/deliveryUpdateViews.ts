import { type RawBuilder, sql } from 'kysely';
import { userFullName } from './chatParticipants.js';
import { outboxWriter } from './eventOutbox.js';

/**
 * The tail of a claim or settle statement (`deliveryClaims`): builds the changed messages as people
 * see them and publishes `message_updated` for each, in the same statement as the change, so a
 * claim or an ack is one round trip and needs no explicit transaction.
 *
 * A statement's parts all read one snapshot and never see each other's writes, so the views are
 * put together from what the statement wrote (the CTEs `changed_deliveries` and `changed_attempts`,
 * the agent's own rows, from `RETURNING`) and what it did not touch (the other agents' deliveries
 * and the agent's untouched attempts, from the tables). The JSON is the same as the views the rest
 * of the server builds in JavaScript (`withDeliveryStatus`, a human viewer: every agent's state),
 * timestamps included (ISO-8601 UTC with microseconds, as `toIsoMicros` writes them); a test
 * compares the two.
 *
 * Expects before it: `changed_deliveries (message_id, agent_id, status, current_attempt,
 * delivered_at, processed_at)` and `changed_attempts (message_id, agent_id, attempt_number, status,
 * started_at, completed_at, error)`. Defines `updated_views (message_id, seq, view)` (the view
 * without `seq`, exactly the event's payload) and `published` (the outbox rows).
 */
export function deliveryUpdateViews(agentId: unknown, organizationId: unknown, notify: boolean): RawBuilder<unknown> {
  return sql`
    all_deliveries AS (
      SELECT message_id, agent_id, status, current_attempt, delivered_at, processed_at FROM changed_deliveries
      UNION ALL
      SELECT d.message_id, d.agent_id, d.status, d.current_attempt, d.delivered_at, d.processed_at
      FROM message_deliveries d
      WHERE d.message_id IN (SELECT message_id FROM changed_deliveries) AND d.agent_id <> ${agentId}
    ),
    all_attempts AS (
      SELECT message_id, agent_id, attempt_number, status, started_at, completed_at, error FROM changed_attempts
      UNION ALL
      SELECT t.message_id, t.agent_id, t.attempt_number, t.status, t.started_at, t.completed_at, t.error
      FROM delivery_attempts t
      WHERE t.message_id IN (SELECT message_id FROM changed_deliveries)
        AND NOT EXISTS (SELECT 1 FROM changed_attempts c WHERE c.message_id = t.message_id
          AND c.agent_id = t.agent_id AND c.attempt_number = t.attempt_number)
    ),
    attempt_lists AS (
      SELECT a.message_id, a.agent_id, jsonb_agg(jsonb_build_object(
        'attempt_number', a.attempt_number,
        'status', a.status,
        'started_at', ${iso(sql`a.started_at`)},
        'completed_at', ${iso(sql`a.completed_at`)},
        'error', a.error) ORDER BY a.attempt_number) AS attempts
      FROM all_attempts a
      GROUP BY a.message_id, a.agent_id
    ),
    statuses AS (
      SELECT d.message_id, jsonb_object_agg(d.agent_id::text, jsonb_build_object(
        'status', d.status,
        'current_attempt', d.current_attempt,
        'delivered_at', ${iso(sql`d.delivered_at`)},
        'processed_at', ${iso(sql`d.processed_at`)},
        'attempts', coalesce(l.attempts, '[]'::jsonb)
      )) AS delivery_status
      FROM all_deliveries d
      LEFT JOIN attempt_lists l ON l.message_id = d.message_id AND l.agent_id = d.agent_id
      GROUP BY d.message_id
    ),
    updated_views AS (
      SELECT m.id AS message_id, m.seq, m.chat_room_id, jsonb_build_object(
        'id', m.id,
        'chat_room_id', m.chat_room_id,
        'sender_id', coalesce(m.sender_id, ${DELETED_SENDER_ID}::uuid),
        'sender_type', m.sender_type,
        'message_type', m.message_type,
        'content', m.content,
        'metadata', m.metadata || jsonb_build_object('delivery_status', s.delivery_status),
        'inserted_at', ${iso(sql`m.inserted_at`)},
        'updated_at', ${iso(sql`m.updated_at`)},
        'sender_name', coalesce(agents.name, ${userFullName}, sender.handle, ${DELETED_SENDER_NAME}::text)
      ) AS view
      FROM statuses s
      JOIN messages m ON m.id = s.message_id
      LEFT JOIN principals sender ON sender.id = m.sender_id
      LEFT JOIN users ON users.id = m.sender_id
      LEFT JOIN agents ON agents.id = m.sender_id
    ),
    published AS (
      INSERT INTO event_outbox (type, organization_id, chat_room_id, payload)
      SELECT 'message_updated', ${organizationId}::uuid, v.chat_room_id, v.view
      FROM ${outboxWriter(notify, sql`EXISTS (SELECT 1 FROM updated_views)`)} AS writer, updated_views v
      ORDER BY v.seq
      RETURNING id
    )`;
}

/** `chatMessageView`'s stand-ins for a sender whose account was deleted (the vendor schema requires both). */
const DELETED_SENDER_ID = sql.lit('00000000-0000-0000-0000-000000000000');
const DELETED_SENDER_NAME = sql.lit('Deleted participant');

/** A timestamptz as `toIsoMicros` writes it: `2025-11-17T11:20:10.284100Z`. */
function iso(column: RawBuilder<unknown>): RawBuilder<string | null> {
  return sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
