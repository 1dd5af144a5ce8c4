import { iso, OUTBOX_APPEND_MARK, OUTBOX_WRITER, statement, userFullName } from './bareSql.js';

/**
 * The exact-statement floor's lifecycle statements: Parley's `/processing`, `/processed` and
 * `/failed` as one statement each (`lifecycleStatements.ts`, its PostgreSQL variant), the text
 * byte for byte as Parley sends it (see `bareSql.ts`). Each checks the caller's membership (which
 * gives the room's organization), changes the delivery and its attempt
 * and appends the `message_updated` outbox row with the ChatMessage built in SQL; each changes the
 * row only if it is still the version its snapshot read (`xmin`), else writes nothing and reports
 * the conflict.
 */

export interface LifecycleArgs {
  roomId: string;
  messageId: string;
  agentId: string;
}

/** Writes the next `$n` for a value (see `statement`). */
type P = (key: keyof LifecycleArgs) => string;

/** The `message_updated` payload, where `mine` and `my_attempts` are this statement's own writes. */
const messagePayload = (p: P) => `(SELECT jsonb_build_object(
      'id', m.id, 'chat_room_id', m.chat_room_id, 'content', m.content, 'message_type', m.message_type,
      'sender_id', coalesce(m.sender_id::text, '00000000-0000-0000-0000-000000000000'), 'sender_type', m.sender_type,
      'sender_name', coalesce(agents.name, ${userFullName}, sender.handle, 'Deleted participant'),
      'metadata', CASE WHEN m.message_type = 'text' THEN m.metadata || jsonb_build_object('delivery_status', (
        SELECT coalesce(jsonb_object_agg(d.agent_id, jsonb_build_object('status', d.status,
            'current_attempt', d.current_attempt, 'delivered_at', ${iso('d.delivered_at')},
            'processed_at', ${iso('d.processed_at')}, 'attempts', coalesce((
              SELECT jsonb_agg(jsonb_build_object('attempt_number', a.attempt_number, 'status', a.status,
                  'started_at', ${iso('a.started_at')}, 'completed_at', ${iso('a.completed_at')}, 'error', a.error)
                ORDER BY a.attempt_number)
              FROM (SELECT t.agent_id, t.attempt_number, t.status::text AS status, t.started_at, t.completed_at, t.error
                      FROM delivery_attempts t
                     WHERE t.message_id = ${p('messageId')}::uuid AND t.agent_id <> ${p('agentId')}::uuid
                    UNION ALL
                    SELECT ${p('agentId')}::uuid, x.attempt_number, x.status, x.started_at, x.completed_at, x.error
                      FROM my_attempts x) AS a
             WHERE a.agent_id = d.agent_id), '[]'::jsonb))), '{}'::jsonb)
          FROM (SELECT o.agent_id, o.status::text AS status, o.current_attempt, o.delivered_at, o.processed_at
                  FROM message_deliveries o
                 WHERE o.message_id = ${p('messageId')}::uuid AND o.agent_id <> ${p('agentId')}::uuid
                UNION ALL
                SELECT ${p('agentId')}::uuid, y.status, y.current_attempt, y.delivered_at, y.processed_at
                  FROM mine y) AS d))
        ELSE m.metadata END,
      'inserted_at', ${iso('m.inserted_at')}, 'updated_at', ${iso('m.updated_at')})
    FROM messages m
    LEFT JOIN principals sender ON sender.id = m.sender_id
    LEFT JOIN users ON users.id = m.sender_id
    LEFT JOIN agents ON agents.id = m.sender_id
    WHERE m.id = ${p('messageId')}::uuid)`;

/** The outbox row, its id taken after the writers' lock, written only when the delivery changed. */
const publishUpdate = (p: P) => `published AS (
    INSERT INTO event_outbox (type, organization_id, chat_room_id, payload)
    SELECT 'message_updated', (SELECT organization_id FROM member), ${p('roomId')}::uuid, ${messagePayload(p)}
      FROM ${OUTBOX_WRITER} AS writer,
           (SELECT 1 FROM mine LIMIT 1) AS changed
  )`;

const deliveryKey = (p: P, table: string) =>
  `${table}.message_id = ${p('messageId')}::uuid AND ${table}.agent_id = ${p('agentId')}::uuid
    AND ${table}.chat_room_id = ${p('roomId')}::uuid`;

/** The caller's membership, and with it the room's organization (the outbox row's scope). */
const member = (p: P) => `member AS (
      SELECT chat_rooms.organization_id FROM chat_participants
        JOIN chat_rooms ON chat_rooms.id = chat_participants.chat_room_id
       WHERE chat_participants.chat_room_id = ${p('roomId')}::uuid
         AND chat_participants.participant_id = ${p('agentId')}::uuid
    )`;

const attemptColumns = 'attempt_number, status::text AS status, started_at, completed_at, error';
const deliveryColumns = 'status::text AS status, current_attempt, delivered_at, processed_at';

/** `/processing`: attempt n+1 (an attempt left open closed as failed), or the delivery created as attempt 1. */
export const startAttempt = statement<LifecycleArgs>(
  'bare_start_attempt',
  (p) => `${OUTBOX_APPEND_MARK} WITH ${member(p)}, snap AS (
      SELECT xmin::text AS version FROM message_deliveries
       WHERE ${deliveryKey(p, 'message_deliveries')} AND EXISTS (SELECT 1 FROM member)
    ), bumped AS (
      UPDATE message_deliveries
         SET status = 'processing', current_attempt = current_attempt + 1, processed_at = NULL,
             updated_at = clock_timestamp(), lease_token = NULL, lease_expires_at = NULL
       WHERE ${deliveryKey(p, 'message_deliveries')} AND xmin::text = (SELECT version FROM snap)
      RETURNING ${deliveryColumns}
    ), processable AS (
      SELECT id, seq FROM messages
       WHERE id = ${p('messageId')}::uuid AND chat_room_id = ${p('roomId')}::uuid AND message_type = 'text'
         AND jsonb_typeof(metadata -> 'mentions') = 'array'
         AND metadata -> 'mentions' @> jsonb_build_array(jsonb_build_object('id', ${p('agentId')}::text))
         AND NOT EXISTS (SELECT 1 FROM snap) AND EXISTS (SELECT 1 FROM member)
    ), created AS (
      INSERT INTO message_deliveries (message_id, agent_id, chat_room_id, message_seq, status, current_attempt)
      SELECT id, ${p('agentId')}::uuid, ${p('roomId')}::uuid, seq, 'processing', 1 FROM processable
      ON CONFLICT (message_id, agent_id) DO NOTHING
      RETURNING ${deliveryColumns}
    ), mine AS (
      SELECT * FROM bumped UNION ALL SELECT * FROM created
    ), abandoned AS (
      UPDATE delivery_attempts
         SET status = 'failed', completed_at = clock_timestamp(),
             error = 'abandoned: attempt ' || mine.current_attempt || ' started'
        FROM mine
       WHERE delivery_attempts.message_id = ${p('messageId')}::uuid AND delivery_attempts.agent_id = ${p('agentId')}::uuid
         AND delivery_attempts.status = 'processing' AND delivery_attempts.attempt_number < mine.current_attempt
      RETURNING delivery_attempts.attempt_number, delivery_attempts.status::text AS status,
                delivery_attempts.started_at, delivery_attempts.completed_at, delivery_attempts.error
    ), started AS (
      INSERT INTO delivery_attempts (message_id, agent_id, attempt_number, status, started_at)
      SELECT ${p('messageId')}::uuid, ${p('agentId')}::uuid, current_attempt, 'processing', clock_timestamp() FROM mine
      RETURNING ${attemptColumns}
    ), my_attempts AS (
      SELECT ${attemptColumns} FROM delivery_attempts
       WHERE message_id = ${p('messageId')}::uuid AND agent_id = ${p('agentId')}::uuid
         AND attempt_number NOT IN (SELECT attempt_number FROM abandoned)
         AND attempt_number NOT IN (SELECT attempt_number FROM started)
      UNION ALL SELECT * FROM abandoned
      UNION ALL SELECT * FROM started
    ), ${publishUpdate(p)}
    SELECT (SELECT organization_id FROM member) AS organization_id,
           (SELECT current_attempt FROM mine) AS attempt, EXISTS (SELECT 1 FROM snap) AS had_delivery,
           EXISTS (SELECT 1 FROM processable) AS processable`,
);

/** `/processed` or `/failed`: the open attempt closed, and its delivery with it. */
const finishStatement = (outcome: 'processed' | 'failed') =>
  statement<LifecycleArgs & { error: string | null }>(
    `bare_finish_${outcome}`,
    (p) => `${OUTBOX_APPEND_MARK} WITH ${member(p)}, snap AS (
      SELECT xmin::text AS version, status::text AS status FROM message_deliveries
       WHERE ${deliveryKey(p, 'message_deliveries')} AND EXISTS (SELECT 1 FROM member)
    ), mine AS (
      UPDATE message_deliveries
         SET status = '${outcome}',
             processed_at = ${outcome === 'processed' ? 'clock_timestamp()' : 'NULL'},
             updated_at = clock_timestamp(), lease_token = NULL, lease_expires_at = NULL
             ${outcome === 'processed' ? ', dead_lettered_at = NULL' : ''}
       WHERE ${deliveryKey(p, 'message_deliveries')} AND status = 'processing'
         AND xmin::text = (SELECT version FROM snap)
      RETURNING ${deliveryColumns}
    ), closed AS (
      UPDATE delivery_attempts
         SET status = '${outcome === 'processed' ? 'success' : 'failed'}', completed_at = clock_timestamp(),
             error = ${p('error')}::text
        FROM mine
       WHERE delivery_attempts.message_id = ${p('messageId')}::uuid AND delivery_attempts.agent_id = ${p('agentId')}::uuid
         AND delivery_attempts.attempt_number = mine.current_attempt
      RETURNING delivery_attempts.attempt_number, delivery_attempts.status::text AS status,
                delivery_attempts.started_at, delivery_attempts.completed_at, delivery_attempts.error
    ), my_attempts AS (
      SELECT ${attemptColumns} FROM delivery_attempts
       WHERE message_id = ${p('messageId')}::uuid AND agent_id = ${p('agentId')}::uuid
         AND attempt_number NOT IN (SELECT attempt_number FROM closed)
      UNION ALL SELECT * FROM closed
    ), ${publishUpdate(p)}
    SELECT (SELECT organization_id FROM member) AS organization_id,
           (SELECT current_attempt FROM mine) AS attempt, (SELECT status FROM snap) AS was`,
  );

export const finishProcessed = finishStatement('processed');
export const finishFailed = finishStatement('failed');
