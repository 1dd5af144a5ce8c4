import { sql } from 'kysely';
import type { Executor } from '../database.js';
import { preparedQuery } from '../preparedQuery.js';

/**
 * The writes of the processing lifecycle (docs/processing.md): `/processing` opens attempt n+1 on a delivery,
 * `/processed` and `/failed` close the open one. Every statement is compiled once.
 */

const now = sql<string>`clock_timestamp()`;

type DeliveryKey = { roomId: string; messageId: string; agentId: string };

const bump = preparedQuery<DeliveryKey>()((p, db) =>
  db
    .updateTable('message_deliveries')
    .set({
      status: 'processing',
      current_attempt: sql<number>`current_attempt + 1`,
      processed_at: null,
      updated_at: now,
      // The vendor's `/processing` takes the message over: a leased claim on it is lost.
      lease_token: null,
      lease_expires_at: null,
    })
    .where('message_id', '=', p('messageId'))
    .where('agent_id', '=', p('agentId'))
    .where('chat_room_id', '=', p('roomId'))
    .returning('current_attempt'),
);

/**
 * Opens the next attempt's number on a delivery: one UPDATE, whose row lock makes concurrent
 * callers take turns (the second sees the first's number and adds one). Undefined when the
 * delivery does not exist.
 */
export async function bumpAttempt(db: Executor, d: DeliveryKey): Promise<number | undefined> {
  const row = (await bump(db, d)).rows[0];
  return row?.current_attempt;
}

const insertProcessing = preparedQuery<{
  message_id: string;
  agent_id: string;
  chat_room_id: string;
  message_seq: number;
}>()((p, db) =>
  db
    .insertInto('message_deliveries')
    .values({
      message_id: p('message_id'),
      agent_id: p('agent_id'),
      chat_room_id: p('chat_room_id'),
      message_seq: p('message_seq'),
      status: 'processing',
      current_attempt: 1,
    })
    .onConflict((oc) => oc.columns(['message_id', 'agent_id']).doNothing())
    .returning('current_attempt'),
);

/** A delivery created by the agent's first `/processing` on a message it was not mentioned in. */
export async function insertProcessingDelivery(
  db: Executor,
  row: { message_id: string; agent_id: string; chat_room_id: string; message_seq: number },
): Promise<boolean> {
  const inserted = (await insertProcessing(db, row)).rows[0];
  return inserted !== undefined;
}

const start = preparedQuery<{ messageId: string; agentId: string; n: number; error: string }>()((p, db) =>
  db
    .with('abandoned', (qb) =>
      qb
        .updateTable('delivery_attempts')
        .set({ status: 'failed', completed_at: now, error: p('error') })
        .where('message_id', '=', p('messageId'))
        .where('agent_id', '=', p('agentId'))
        .where('status', '=', 'processing')
        .where('attempt_number', '<', p('n'))
        .returning('attempt_number'),
    )
    .insertInto('delivery_attempts')
    .values({
      message_id: p('messageId'),
      agent_id: p('agentId'),
      attempt_number: p('n'),
      status: 'processing',
      started_at: now,
    }),
);

/**
 * Records attempt `n` as started. An attempt still open before it (the agent crashed and
 * re-claimed) is closed as failed, so at most one attempt is open at a time. One statement.
 */
export async function startAttempt(db: Executor, messageId: string, agentId: string, n: number) {
  await start(db, { messageId, agentId, n, error: `abandoned: attempt ${n} started` });
}

/** The delivery's close as `status`: `processed_at` is set for a success, cleared for a failure. */
function closeDeliveryAs(status: 'processed' | 'failed') {
  return preparedQuery<DeliveryKey>()((p, db) =>
    db
      .updateTable('message_deliveries')
      .set({
        status,
        processed_at: status === 'processed' ? now : null,
        updated_at: now,
        lease_token: null,
        lease_expires_at: null,
        ...(status === 'processed' ? { dead_lettered_at: null } : {}),
      })
      .where('message_id', '=', p('messageId'))
      .where('agent_id', '=', p('agentId'))
      .where('chat_room_id', '=', p('roomId'))
      .where('status', '=', 'processing')
      .returning('current_attempt'),
  );
}
const closeDelivery = { processed: closeDeliveryAs('processed'), failed: closeDeliveryAs('failed') };

const closeAttempt = preparedQuery<{
  messageId: string;
  agentId: string;
  n: number;
  status: 'success' | 'failed';
  error: string | null;
}>()((p, db) =>
  db
    .updateTable('delivery_attempts')
    .set({ status: p('status'), completed_at: now, error: p('error') })
    .where('message_id', '=', p('messageId'))
    .where('agent_id', '=', p('agentId'))
    .where('attempt_number', '=', p('n')),
);

/**
 * Closes the open attempt of a delivery as `processed` or `failed`. The delivery's UPDATE is
 * conditional on `processing`, so of two concurrent closes only one wins. Returns the attempt
 * number, or undefined when there was no open attempt (or no delivery).
 */
export async function finishAttempt(
  db: Executor,
  { roomId, messageId, agentId }: DeliveryKey,
  outcome: { status: 'processed' } | { status: 'failed'; error: string },
): Promise<number | undefined> {
  const delivery = (await closeDelivery[outcome.status](db, { roomId, messageId, agentId })).rows[0];
  if (!delivery) return undefined;
  await closeAttempt(db, {
    messageId,
    agentId,
    n: delivery.current_attempt,
    status: outcome.status === 'processed' ? 'success' : 'failed',
    error: outcome.status === 'failed' ? outcome.error : null,
  });
  return delivery.current_attempt;
}
