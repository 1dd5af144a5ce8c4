import type { Executor } from '../database.js';

/** Deliveries not yet processed, by status (`delivered`, `processing`, `failed`); absent ones are 0. */
export async function countOpenDeliveries(
  db: Executor,
): Promise<Record<'delivered' | 'processing' | 'failed', number>> {
  // `status <> 'processed'` is the predicate of the partial index agents drain their queues by, so
  // this reads that index only: its size is the backlog, not the history.
  const rows = await db
    .selectFrom('message_deliveries')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', '<>', 'processed')
    .groupBy('status')
    .execute();
  const counts = { delivered: 0, processing: 0, failed: 0 };
  for (const row of rows) if (row.status !== 'processed') counts[row.status] = Number(row.n);
  return counts;
}
