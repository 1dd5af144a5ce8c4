import { PGliteAdapter, type RawBuilder, sql } from 'kysely';
import type { Executor } from '../database.js';
import { OUTBOX_APPEND_MARK } from '../outboxWakeup.js';
import { type ParamMarker, preparedQuery } from '../preparedQuery.js';
import { userFullName } from './chatParticipants.js';
import { outboxWriter } from './eventOutbox.js';

/**
 * The processing lifecycle calls (docs/processing.md) as one statement each: the caller's
 * membership of the room (which also gives the room's organization), the delivery's change, its
 * attempt's, and the `message_updated` outbox row with the ChatMessage built in SQL. One statement
 * commits on its own, so no transaction waits on the server between statements, and the call
 * costs one round trip after the key check. Nothing is written for a caller who is not a member.
 *
 * One statement reads one snapshot, taken before the delivery row's lock is waited for. Should
 * another call change the row in between (the same agent's concurrent call on the same message),
 * the attempts it wrote would be invisible here. So the row is changed only if it is still the
 * version the snapshot read (`xmin`); otherwise nothing is written and the outcome is `conflict`,
 * for the caller to redo in a transaction of several statements, each with a fresh snapshot.
 */

interface LifecycleArgs {
  roomId: string;
  messageId: string;
  agentId: string;
}

/** `timestamptz` as the API writes it (`typeParsers.toIsoMicros`): UTC with microseconds. */
const iso = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

/** As `chatMessageWire.ts` stands in for a deleted sender. */
const DELETED_SENDER_ID = '00000000-0000-0000-0000-000000000000';
const DELETED_SENDER_NAME = 'Deleted participant';

/**
 * The `message_updated` payload: the ChatMessage as people see it (`chatMessageView` over
 * `withDeliveryStatus`, every agent's delivery), where the calling agent's delivery and attempts
 * are the CTEs `mine` and `my_attempts` (this statement's writes, which its snapshot cannot see).
 */
function messagePayload(p: ParamMarker<LifecycleArgs>): RawBuilder<unknown> {
  return sql`(SELECT jsonb_build_object(
      'id', m.id, 'chat_room_id', m.chat_room_id, 'content', m.content, 'message_type', m.message_type,
      'sender_id', coalesce(m.sender_id::text, ${sql.lit(DELETED_SENDER_ID)}), 'sender_type', m.sender_type,
      'sender_name', coalesce(agents.name, ${userFullName}, sender.handle, ${sql.lit(DELETED_SENDER_NAME)}),
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
}

/** The outbox row of the change, its id taken after the writers' lock (as `appendOutboxRows`). */
function publishUpdate(p: ParamMarker<LifecycleArgs>, notify: boolean) {
  return sql`published AS (
    INSERT INTO event_outbox (type, organization_id, chat_room_id, payload)
    SELECT 'message_updated', (SELECT organization_id FROM member), ${p('roomId')}::uuid, ${messagePayload(p)}
      FROM ${outboxWriter(notify)} AS writer,
           (SELECT 1 FROM mine LIMIT 1) AS changed
  )`;
}

const deliveryKey = (p: ParamMarker<LifecycleArgs>, table: string) =>
  sql`${sql.raw(table)}.message_id = ${p('messageId')}::uuid AND ${sql.raw(table)}.agent_id = ${p('agentId')}::uuid
    AND ${sql.raw(table)}.chat_room_id = ${p('roomId')}::uuid`;

/** The caller's membership, and with it the room's organization (the outbox row's scope). */
const member = (p: ParamMarker<LifecycleArgs>) => sql`member AS (
      SELECT chat_rooms.organization_id FROM chat_participants
        JOIN chat_rooms ON chat_rooms.id = chat_participants.chat_room_id
       WHERE chat_participants.chat_room_id = ${p('roomId')}::uuid
         AND chat_participants.participant_id = ${p('agentId')}::uuid
    )`;

const attemptColumns = sql.raw('attempt_number, status::text AS status, started_at, completed_at, error');
const deliveryColumns = sql.raw('status::text AS status, current_attempt, delivered_at, processed_at');

interface StartRow {
  organization_id: string | null;
  attempt: number | null;
  had_delivery: boolean;
  processable: boolean;
}

/**
 * `/processing`: attempt n+1 opened on the agent's delivery (created, as attempt 1, for a message
 * that mentions the agent only as a reference), an attempt still open before it closed as failed
 * (crash recovery), and the `message_updated` row.
 */
const startStatement = (notify: boolean) =>
  preparedQuery<LifecycleArgs>()(
    (p) => sql<StartRow>`${sql.raw(OUTBOX_APPEND_MARK)} WITH ${member(p)}, snap AS (
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
    ), ${publishUpdate(p, notify)}
    SELECT (SELECT organization_id FROM member) AS organization_id,
           (SELECT current_attempt FROM mine) AS attempt, EXISTS (SELECT 1 FROM snap) AS had_delivery,
           EXISTS (SELECT 1 FROM processable) AS processable`,
    { serverSide: true },
  );

interface FinishRow {
  organization_id: string | null;
  attempt: number | null;
  was: string | null;
}

/** `/processed` or `/failed`: the open attempt closed, its delivery with it, and the `message_updated` row. */
const finishStatement = (outcome: 'processed' | 'failed', notify: boolean) =>
  preparedQuery<LifecycleArgs & { error: string | null }>()(
    (p) => sql<FinishRow>`${sql.raw(OUTBOX_APPEND_MARK)} WITH ${member(p)}, snap AS (
      SELECT xmin::text AS version, status::text AS status FROM message_deliveries
       WHERE ${deliveryKey(p, 'message_deliveries')} AND EXISTS (SELECT 1 FROM member)
    ), mine AS (
      UPDATE message_deliveries
         SET status = ${sql.lit(outcome)},
             processed_at = ${outcome === 'processed' ? sql`clock_timestamp()` : sql`NULL`},
             updated_at = clock_timestamp(), lease_token = NULL, lease_expires_at = NULL
             ${outcome === 'processed' ? sql`, dead_lettered_at = NULL` : sql``}
       WHERE ${deliveryKey(p, 'message_deliveries')} AND status = 'processing'
         AND xmin::text = (SELECT version FROM snap)
      RETURNING ${deliveryColumns}
    ), closed AS (
      UPDATE delivery_attempts
         SET status = ${sql.lit(outcome === 'processed' ? 'success' : 'failed')}, completed_at = clock_timestamp(),
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
    ), ${publishUpdate(p, notify)}
    SELECT (SELECT organization_id FROM member) AS organization_id,
           (SELECT current_attempt FROM mine) AS attempt, (SELECT status FROM snap) AS was`,
    { serverSide: true },
  );

const statements = {
  start: { pg: startStatement(false), embedded: startStatement(true) },
  processed: { pg: finishStatement('processed', false), embedded: finishStatement('processed', true) },
  failed: { pg: finishStatement('failed', false), embedded: finishStatement('failed', true) },
};

const flavor = (db: Executor) => (db.getExecutor().adapter instanceof PGliteAdapter ? 'embedded' : 'pg');

export type StartOutcome =
  | { kind: 'started'; attempt: number }
  /** The caller does not participate in the room (or it does not exist): nothing was written. */
  | { kind: 'not_member' }
  /** No delivery, and the message is not one the agent may mark. */
  | { kind: 'not_processable' }
  /** Another call changed the delivery meanwhile: nothing was written. */
  | { kind: 'conflict'; organizationId: string };

/** `/processing` in one statement (see the module comment); run it outside a transaction when it can be. */
export async function startAttemptInOneStatement(db: Executor, args: LifecycleArgs): Promise<StartOutcome> {
  const row = (await statements.start[flavor(db)](db, args)).rows[0];
  if (!row?.organization_id) return { kind: 'not_member' };
  if (row.attempt != null) return { kind: 'started', attempt: Number(row.attempt) };
  if (row.had_delivery || row.processable) return { kind: 'conflict', organizationId: row.organization_id };
  return { kind: 'not_processable' };
}

export type FinishOutcome =
  | { kind: 'finished'; attempt: number }
  /** The caller does not participate in the room (or it does not exist): nothing was written. */
  | { kind: 'not_member' }
  /** No open attempt (or no delivery) when the statement began. */
  | { kind: 'not_open' }
  /** Another call changed the delivery meanwhile: nothing was written. */
  | { kind: 'conflict'; organizationId: string };

/** `/processed` or `/failed` in one statement (see the module comment). */
export async function finishAttemptInOneStatement(
  db: Executor,
  args: LifecycleArgs,
  outcome: { status: 'processed' } | { status: 'failed'; error: string },
): Promise<FinishOutcome> {
  const error = outcome.status === 'failed' ? outcome.error : null;
  const row = (await statements[outcome.status][flavor(db)](db, { ...args, error })).rows[0];
  if (!row?.organization_id) return { kind: 'not_member' };
  if (row.attempt != null) return { kind: 'finished', attempt: Number(row.attempt) };
  if (row.was === 'processing') return { kind: 'conflict', organizationId: row.organization_id };
  return { kind: 'not_open' };
}
