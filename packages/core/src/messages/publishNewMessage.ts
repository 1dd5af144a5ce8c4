import type { DB } from '@parley/db/database';
import type { InsertedMessage } from '@parley/db/repositories/messages';
import type { MessageType } from '@parley/db/tables/messages';
import type { Transaction } from 'kysely';
import { recordEvent } from '../events/recordEvent.js';
import { chatMessageView } from './chatMessageWire.js';
import type { DeliveryStatusView } from './messageViews.js';

/**
 * Publishes `message_created` (text) or `event_created` for a message this transaction has just
 * inserted, built from what the writer already knows rather than read back: a room's sends hold
 * its quota row lock until commit, and each statement saved is a round trip less under that lock.
 * The payload is the ChatMessage as humans see it, a new text message having every mentioned
 * agent `delivered` with no attempt yet.
 */
export async function publishNewMessage(
  trx: Transaction<DB>,
  input: {
    organizationId: string;
    roomId: string;
    inserted: InsertedMessage;
    sender: { id: string; type: 'User' | 'Agent'; name: string };
    messageType: MessageType;
    content: string;
    metadata: Record<string, unknown>;
    deliveredTo: string[];
  },
): Promise<void> {
  const { inserted } = input;
  const deliveryStatus = Object.fromEntries(
    input.deliveredTo.map((agentId): [string, DeliveryStatusView] => [
      agentId,
      { status: 'delivered', current_attempt: 0, delivered_at: inserted.inserted_at, processed_at: null, attempts: [] },
    ]),
  );
  const isText = input.messageType === 'text';
  await recordEvent(trx, {
    type: isText ? 'message_created' : 'event_created',
    organizationId: input.organizationId,
    roomId: input.roomId,
    payload: chatMessageView({
      id: inserted.id,
      chat_room_id: input.roomId,
      sender_id: input.sender.id,
      sender_type: input.sender.type,
      message_type: input.messageType,
      content: input.content,
      metadata: isText ? { ...input.metadata, delivery_status: deliveryStatus } : input.metadata,
      inserted_at: inserted.inserted_at,
      updated_at: inserted.updated_at,
      sender_name: input.sender.name,
    }),
  });
}
