import type { ChatRoom } from '@parley/contracts/objects/chatRoom';
import type { RoomRow } from '@parley/db/repositories/chatRooms';

/** The ChatRoom wire object: the one builder behind REST answers and room events. */
export function chatRoomView(room: RoomRow): ChatRoom {
  return {
    id: room.id,
    title: room.title,
    task_id: room.task_id,
    type: room.type,
    status: room.status,
    metadata: room.metadata,
    inserted_at: room.inserted_at,
    updated_at: room.updated_at,
  };
}
