import type { ChatRoom, MeChatRoom } from '@parley/contracts/objects/chatRoom';
import { chatRoomView } from '@parley/core/chats/chatRoomWire';
import type { RoomRow } from '@parley/db/repositories/chatRooms';

/** Built in core (`chatRoomView`), shared with the room events. */
export const toChatRoom = (room: RoomRow): ChatRoom => chatRoomView(room);

export function toMeChatRoom(room: RoomRow): MeChatRoom {
  return {
    id: room.id,
    title: room.title,
    task_id: room.task_id,
    type: room.type,
    status: room.status,
    last_message_at: room.last_message_at,
    inserted_at: room.inserted_at,
    updated_at: room.updated_at,
  };
}
