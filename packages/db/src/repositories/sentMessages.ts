import { PGliteAdapter, sql } from 'kysely';
import type { Executor } from '../database.js';
import { OUTBOX_APPEND_MARK } from '../outboxWakeup.js';
import { preparedQuery } from '../preparedQuery.js';
import { outboxWriter } from './eventOutbox.js';
import type { InsertedMessage } from './messages.js';

interface SendArgs {
  roomId: string;
  senderId: string;
  senderType: 'User' | 'Agent';
  content: string;
  /** JSON text of the message's metadata. */
  metadata: string;
  agentIds: string[];
  organizationId: string;
  /** JSON text of the `message_created` payload, without `id`, the timestamps and `delivery_status`. */
  payload: string;
  limit: number;
}

/** `timestamptz` as the API writes it (`typeParsers.toIsoMicros`): UTC with microseconds. */
const iso = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

/**
 * A text message sent, in one statement: the room's message quota reserved (its row lock is the
 * room's serialization point), the message, its deliveries, and its `message_created` outbox row.
 * One statement runs as its own transaction, so the room's lock is held for this statement and its
 * commit only, with no round trip to the server in between; `seq` is taken after the lock (the
 * message is inserted from the reservation's row), so within a room `seq` order is commit order.
 * The outbox row takes its id after the writers' lock, as `appendOutboxRows` does.
 */
const sendStatement = (limited: boolean, notify: boolean) =>
  preparedQuery<SendArgs>()(
    (p) => sql<InsertedMessage>`${sql.raw(OUTBOX_APPEND_MARK)} WITH reserved AS (
      INSERT INTO quota_usage (scope_id, resource, used) VALUES (${p('roomId')}, 'messages', 1)
      ON CONFLICT (scope_id, resource) DO UPDATE SET used = quota_usage.used + 1
      ${limited ? sql`WHERE quota_usage.used < ${p('limit')}` : sql``}
      RETURNING used
    ), inserted AS (
      INSERT INTO messages (chat_room_id, sender_id, sender_type, message_type, content, metadata, inserted_at, updated_at)
      SELECT ${p('roomId')}, ${p('senderId')}, ${p('senderType')}, 'text', ${p('content')},
             ${p('metadata')}::jsonb, clock_timestamp(), clock_timestamp()
        FROM reserved
      RETURNING id, seq, inserted_at, updated_at
    ), delivered AS (
      INSERT INTO message_deliveries (message_id, agent_id, chat_room_id, message_seq, status, current_attempt, delivered_at)
      SELECT inserted.id, agent.id, ${p('roomId')}, inserted.seq, 'delivered', 0, inserted.inserted_at
        FROM inserted, unnest(${p('agentIds')}::uuid[]) AS agent(id)
    ), published AS (
      INSERT INTO event_outbox (type, organization_id, chat_room_id, payload)
      SELECT 'message_created', ${p('organizationId')}, ${p('roomId')},
             ${p('payload')}::jsonb || jsonb_build_object(
               'id', inserted.id, 'inserted_at', ${iso('inserted.inserted_at')}, 'updated_at', ${iso('inserted.updated_at')},
               'metadata', (${p('payload')}::jsonb -> 'metadata') || jsonb_build_object('delivery_status', coalesce(
                 (SELECT jsonb_object_agg(agent.id, jsonb_build_object('status', 'delivered', 'current_attempt', 0,
                    'delivered_at', ${iso('inserted.inserted_at')}, 'processed_at', NULL, 'attempts', '[]'::jsonb))
                    FROM unnest(${p('agentIds')}::uuid[]) AS agent(id)), '{}'::jsonb)))
        FROM ${outboxWriter(notify)} AS writer,
             inserted
    )
    SELECT id, seq, inserted_at, updated_at FROM inserted`,
    { serverSide: true },
  );

const statements = {
  unlimited: sendStatement(false, false),
  limited: sendStatement(true, false),
  unlimitedEmbedded: sendStatement(false, true),
  limitedEmbedded: sendStatement(true, true),
};

/**
 * Sends a text message as one statement (see `sendStatement`); returns it, or null when the room's
 * message quota (`limit`, null: none) is used up, in which case nothing was written. Run it on the
 * database handle, not in a transaction: its own is the shortest the room's lock can be held.
 */
export async function insertSentMessage(
  db: Executor,
  args: Omit<SendArgs, 'limit'> & { limit: number | null },
): Promise<InsertedMessage | null> {
  if (args.limit !== null && args.limit <= 0) return null;
  const embedded = db.getExecutor().adapter instanceof PGliteAdapter;
  const statement =
    args.limit === null
      ? embedded
        ? statements.unlimitedEmbedded
        : statements.unlimited
      : embedded
        ? statements.limitedEmbedded
        : statements.limited;
  const result = await statement(db, { ...args, limit: args.limit ?? 0 });
  const row = result.rows[0];
  return row ? { ...row, seq: Number(row.seq) } : null;
}
