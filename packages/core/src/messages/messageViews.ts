import type { Executor } from '@parley/db/database';
import { type AttemptRow, type DeliveryRow, findDeliveries } from '@parley/db/repositories/messageDeliveries';
import type { MessageViewRow } from '@parley/db/repositories/messages';

/** One agent's processing state of a message, as `metadata.delivery_status[agent_id]` (docs/processing.md). */
export interface DeliveryStatusView {
  status: DeliveryRow['status'];
  current_attempt: number;
  delivered_at: string;
  processed_at: string | null;
  attempts: {
    attempt_number: number;
    status: AttemptRow['status'];
    started_at: string;
    completed_at: string | null;
    error: string | null;
  }[];
}

/** A message ready for the wire: its metadata carries the delivery state the viewer may see. */
export type MessageView = MessageViewRow;

/**
 * Who is looking: a human sees every agent's delivery state of a text message; an agent sees only
 * its own (other agents' work is theirs).
 */
export type Viewer = { kind: 'human' } | { kind: 'agent'; agentId: string };

/**
 * Adds `metadata.delivery_status` to the text messages of a page. Two statements whatever the
 * page size (deliveries, then attempts, of all the page's messages at once): no N+1.
 */
export async function withDeliveryStatus(db: Executor, rows: MessageViewRow[], viewer: Viewer): Promise<MessageView[]> {
  const textIds = rows.filter((r) => r.message_type === 'text').map((r) => r.id);
  const { deliveries, attempts } = await findDeliveries(
    db,
    textIds,
    viewer.kind === 'agent' ? viewer.agentId : undefined,
  );
  const attemptsOf = new Map<string, DeliveryStatusView['attempts']>();
  for (const a of attempts) {
    const key = `${a.message_id}:${a.agent_id}`;
    const list = attemptsOf.get(key) ?? [];
    list.push({
      attempt_number: a.attempt_number,
      status: a.status,
      started_at: a.started_at,
      completed_at: a.completed_at,
      error: a.error,
    });
    attemptsOf.set(key, list);
  }
  const statusOf = new Map<string, Record<string, DeliveryStatusView>>();
  for (const d of deliveries) {
    const byAgent = statusOf.get(d.message_id) ?? {};
    byAgent[d.agent_id] = {
      status: d.status,
      current_attempt: d.current_attempt,
      delivered_at: d.delivered_at,
      processed_at: d.processed_at,
      attempts: attemptsOf.get(`${d.message_id}:${d.agent_id}`) ?? [],
    };
    statusOf.set(d.message_id, byAgent);
  }
  return rows.map((row) => {
    if (row.message_type !== 'text') return row;
    const deliveryStatus = statusOf.get(row.id);
    if (viewer.kind === 'agent' && !deliveryStatus) return row;
    return { ...row, metadata: { ...row.metadata, delivery_status: deliveryStatus ?? {} } };
  });
}
