import type { DB } from '@parley/db/database';
import { findMessageView } from '@parley/db/repositories/messages';
import type { Transaction } from 'kysely';
import { chatMessageView } from '../messages/chatMessageWire.js';
import { withDeliveryStatus } from '../messages/messageViews.js';
import { recordEvent } from './recordEvent.js';

/**
 * Publishes a message event with the ChatMessage as people see it (every agent's delivery state;
 * the hub trims it to their own entry for agents), read inside the writing transaction.
 */
export async function recordMessageEvent(
  trx: Transaction<DB>,
  type: 'message_created' | 'event_created' | 'message_updated',
  input: { messageId: string; organizationId: string },
): Promise<void> {
  const row = await findMessageView(trx, input.messageId);
  if (!row) throw new Error(`message ${input.messageId} vanished inside its own write`);
  const [view] = await withDeliveryStatus(trx, [row], { kind: 'human' });
  const message = chatMessageView(view ?? row);
  await recordEvent(trx, {
    type,
    organizationId: input.organizationId,
    roomId: message.chat_room_id,
    payload: message,
  });
}
