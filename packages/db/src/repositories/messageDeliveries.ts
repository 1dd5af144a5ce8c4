import { sql } from 'kysely';
import type { Executor } from '../database.js';
import { preparedQuery } from '../preparedQuery.js';
import type { DeliveryAttemptsTable, DeliveryStatus } from '../tables/messageDeliveries.js';
import { type MessageViewRow, selectMessageViews } from './messages.js';

export interface DeliveryRow {
  message_id: string;
  agent_id: string;
  status: DeliveryStatus;
  current_attempt: number;
  delivered_at: string;
  processed_at: string | null;
}

export type AttemptRow = Omit<DeliveryAttemptsTable, 'started_at' | 'completed_at'> & {
  started_at: string;
  completed_at: string | null;
};

/**
 * The deliveries and the attempts of some messages, optionally of one agent only: four statements
 * compiled once. The ids go as one array (`= any($1::uuid[])`), where the builder's `in` took one
 * parameter per id.
 */
type DeliveriesArgs = { messageIds: string[] };
type AgentDeliveriesArgs = DeliveriesArgs & { agentId: string };
const deliveriesOf = preparedQuery<DeliveriesArgs>()((p, db) =>
  db
    .selectFrom('message_deliveries')
    .select(['message_id', 'agent_id', 'status', 'current_attempt', 'delivered_at', 'processed_at'])
    .where('message_id', '=', sql<string>`any(${p('messageIds')}::uuid[])`)
    .orderBy('delivered_at')
    .orderBy('agent_id'),
);
const agentDeliveriesOf = preparedQuery<AgentDeliveriesArgs>()((p, db) =>
  db
    .selectFrom('message_deliveries')
    .select(['message_id', 'agent_id', 'status', 'current_attempt', 'delivered_at', 'processed_at'])
    .where('message_id', '=', sql<string>`any(${p('messageIds')}::uuid[])`)
    .where('agent_id', '=', p('agentId'))
    .orderBy('delivered_at')
    .orderBy('agent_id'),
);
const attemptsOf = preparedQuery<DeliveriesArgs>()((p, db) =>
  db
    .selectFrom('delivery_attempts')
    .selectAll()
    .where('message_id', '=', sql<string>`any(${p('messageIds')}::uuid[])`)
    .orderBy('attempt_number'),
);
const agentAttemptsOf = preparedQuery<AgentDeliveriesArgs>()((p, db) =>
  db
    .selectFrom('delivery_attempts')
    .selectAll()
    .where('message_id', '=', sql<string>`any(${p('messageIds')}::uuid[])`)
    .where('agent_id', '=', p('agentId'))
    .orderBy('attempt_number'),
);

/** Deliveries of some messages (optionally to one agent only) with their attempts: two statements. */
export async function findDeliveries(
  db: Executor,
  messageIds: string[],
  agentId?: string,
): Promise<{ deliveries: DeliveryRow[]; attempts: AttemptRow[] }> {
  if (messageIds.length === 0) return { deliveries: [], attempts: [] };
  const [d, a] = await Promise.all(
    agentId
      ? [agentDeliveriesOf(db, { messageIds, agentId }), agentAttemptsOf(db, { messageIds, agentId })]
      : [deliveriesOf(db, { messageIds }), attemptsOf(db, { messageIds })],
  );
  return { deliveries: d.rows, attempts: a.rows };
}

/** The status filter of the agent message list (docs/processing.md); undefined = everything not processed. */
export type QueueFilter = 'pending' | 'processing' | 'processed' | 'failed' | 'all' | undefined;

function queue(db: Executor, agentId: string, roomId: string, filter: QueueFilter) {
  let q = db
    .selectFrom('message_deliveries')
    .where('message_deliveries.agent_id', '=', agentId)
    .where('message_deliveries.chat_room_id', '=', roomId);
  switch (filter) {
    case undefined:
      q = q.where('message_deliveries.status', '<>', 'processed');
      break;
    case 'pending':
      // `failed` always means its last attempt is closed: a new attempt sets `processing`.
      q = q.where('message_deliveries.status', 'in', ['delivered', 'failed']);
      break;
    case 'all':
      break;
    default:
      q = q.where('message_deliveries.status', '=', filter);
  }
  return q;
}

/**
 * A page of an agent's queue in a room as message `seq`s, oldest first (or newest first), within
 * the exclusive range (afterSeq, beforeSeq): a range scan on the delivery index either way.
 */
export async function queuePageSeqs(
  db: Executor,
  q: {
    agentId: string;
    roomId: string;
    filter: QueueFilter;
    afterSeq: number;
    beforeSeq?: number | undefined;
    order?: 'asc' | 'desc' | undefined;
    limit: number;
    offset: number;
  },
): Promise<number[]> {
  let query = queue(db, q.agentId, q.roomId, q.filter)
    .select('message_deliveries.message_seq')
    .where('message_deliveries.message_seq', '>', q.afterSeq);
  if (q.beforeSeq !== undefined) query = query.where('message_deliveries.message_seq', '<', q.beforeSeq);
  query = query.orderBy('message_deliveries.message_seq', q.order ?? 'asc');
  if (q.offset) query = query.offset(q.offset);
  const rows = await query.limit(q.limit).execute();
  return rows.map((r) => Number(r.message_seq));
}

export async function countQueue(db: Executor, agentId: string, roomId: string, filter: QueueFilter) {
  const row = await queue(db, agentId, roomId, filter).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The next message of an agent's queue with the agent's delivery of it. */
export interface NextMessageRow extends MessageViewRow {
  delivery: Omit<DeliveryRow, 'message_id' | 'agent_id'>;
}

const nextForAgent = preparedQuery<{ agentId: string; roomId: string }>()(
  (p, db) =>
    selectMessageViews(db)
      .innerJoin(
        (eb) =>
          eb
            .selectFrom('message_deliveries')
            .select([
              'message_deliveries.message_id',
              'message_deliveries.status as delivery_status',
              'message_deliveries.current_attempt',
              'message_deliveries.delivered_at',
              'message_deliveries.processed_at',
            ])
            .where('message_deliveries.agent_id', '=', p('agentId'))
            .where('message_deliveries.chat_room_id', '=', p('roomId'))
            // A literal, not a parameter: the partial index of open deliveries matches it in a
            // generic plan too (the statement is prepared on the server).
            .where('message_deliveries.status', '<>', sql.lit('processed'))
            .where((w) =>
              w.exists(
                w
                  .selectFrom('chat_participants')
                  .select('chat_participants.role')
                  .where('chat_participants.chat_room_id', '=', p('roomId'))
                  .where('chat_participants.participant_id', '=', p('agentId')),
              ),
            )
            .orderBy('message_deliveries.message_seq')
            .limit(1)
            .as('next'),
        (join) => join.onRef('next.message_id', '=', 'messages.id'),
      )
      .select(['next.delivery_status', 'next.current_attempt', 'next.delivered_at', 'next.processed_at']),
  { serverSide: true },
);

/**
 * The oldest message not yet processed by an agent in a room, with its delivery row, provided the
 * agent is still a participant (undefined otherwise, or when the queue is empty). The oldest open
 * delivery is picked in a subquery with its own LIMIT 1 over the partial index of open deliveries,
 * then the one message is joined (performance-pitfalls #1: a plain join sorted by time scanned
 * every message). One statement on the hot path of every agent loop, compiled once.
 */
export async function findNextForAgent(
  db: Executor,
  agentId: string,
  roomId: string,
): Promise<NextMessageRow | undefined> {
  const row = (await nextForAgent(db, { agentId, roomId })).rows[0];
  if (!row) return undefined;
  const { delivery_status, current_attempt, delivered_at, processed_at, ...message } = row;
  return { ...message, delivery: { status: delivery_status, current_attempt, delivered_at, processed_at } };
}

const attemptsOfDelivery = preparedQuery<{ messageId: string; agentId: string }>()((p, db) =>
  db
    .selectFrom('delivery_attempts')
    .selectAll()
    .where('message_id', '=', p('messageId'))
    .where('agent_id', '=', p('agentId'))
    .orderBy('attempt_number'),
);

/** The attempts of one agent's delivery of one message, in order. */
export async function findAttempts(db: Executor, messageId: string, agentId: string): Promise<AttemptRow[]> {
  return (await attemptsOfDelivery(db, { messageId, agentId })).rows;
}
