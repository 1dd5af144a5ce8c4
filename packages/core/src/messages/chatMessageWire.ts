import type { ChatMessage } from '@parley/contracts/objects/chatMessage';
import type { MessageViewRow } from '@parley/db/repositories/messages';

/** Stands in for a sender whose account was deleted (the vendor schema requires a sender id). */
export const DELETED_SENDER_ID = '00000000-0000-0000-0000-000000000000';
const DELETED_SENDER_NAME = 'Deleted participant';

/** What a ChatMessage is built from: a message row as read (its `seq` is not part of the wire). */
export type ChatMessageSource = Omit<MessageViewRow, 'seq'> & { seq?: number };

/**
 * The ChatMessage wire object: the one builder behind REST answers and the message events
 * (`message_created`, `message_updated`, `event_created`), so the two cannot drift. Its metadata
 * is passed through as given (the caller decides which `delivery_status` entries a viewer sees).
 */
export function chatMessageView(message: ChatMessageSource): ChatMessage {
  return {
    id: message.id,
    chat_room_id: message.chat_room_id,
    content: message.content,
    message_type: message.message_type,
    sender_id: message.sender_id ?? DELETED_SENDER_ID,
    sender_type: message.sender_type,
    sender_name: message.sender_name ?? DELETED_SENDER_NAME,
    metadata: message.metadata,
    inserted_at: message.inserted_at,
    updated_at: message.updated_at,
  };
}
