import type { DB } from '@parley/db/database';
import { findMessageViewsBySeq } from '@parley/db/repositories/messages';
import type { Transaction } from 'kysely';
import { recordEvents } from '../events/recordEvent.js';
import { chatMessageView } from '../messages/chatMessageWire.js';
import { type MessageView, withDeliveryStatus } from '../messages/messageViews.js';

/**
 * Publishes `message_updated` for several messages whose processing state changed, as people see
 * them, inside the writing transaction: four statements whatever the batch size. Returns the views
 * (every agent's delivery state), so a caller need not read them again.
 */
export async function recordMessageUpdates(
  trx: Transaction<DB>,
  organizationId: string,
  seqs: number[],
): Promise<MessageView[]> {
  if (seqs.length === 0) return [];
  const rows = await findMessageViewsBySeq(trx, seqs);
  const views = await withDeliveryStatus(trx, rows, { kind: 'human' });
  await recordEvents(
    trx,
    views.map((view) => ({
      type: 'message_updated' as const,
      organizationId,
      roomId: view.chat_room_id,
      payload: chatMessageView(view),
    })),
  );
  return views;
}
