import type { DB } from '@parley/db/database';
import { findMessageViewsBySeq } from '@parley/db/repositories/messages';
import type { Transaction } from 'kysely';
import { recordEvents } from '../events/recordEvent.js';
import { withDeliveryStatus } from '../messages/messageViews.js';

/**
 * Publishes `message_updated` for several messages whose processing state changed, as people see
 * them, inside the writing transaction: three statements whatever the batch size.
 */
export async function recordMessageUpdates(trx: Transaction<DB>, organizationId: string, seqs: number[]) {
  if (seqs.length === 0) return;
  const rows = await findMessageViewsBySeq(trx, seqs);
  const views = await withDeliveryStatus(trx, rows, { kind: 'human' });
  await recordEvents(
    trx,
    views.map(({ seq: _seq, ...message }) => ({
      type: 'message_updated' as const,
      organizationId,
      roomId: message.chat_room_id,
      payload: message,
    })),
  );
}
