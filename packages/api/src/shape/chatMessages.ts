import type { ChatMessage } from '@parley/contracts/objects/chatMessage';
import type { MessageView } from '@parley/core/messages/messageViews';

/** Stands in for a sender whose account was deleted (the vendor schema requires a sender id). */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export function toChatMessage(message: MessageView): ChatMessage {
  return {
    id: message.id,
    chat_room_id: message.chat_room_id,
    content: message.content,
    message_type: message.message_type,
    sender_id: message.sender_id ?? NIL_UUID,
    sender_type: message.sender_type,
    sender_name: message.sender_name ?? 'Deleted participant',
    metadata: message.metadata,
    inserted_at: message.inserted_at,
    updated_at: message.updated_at,
  };
}
