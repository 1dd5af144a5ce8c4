import { z } from 'zod';
import { Timestamp } from '../scalars.js';

export const chatRoomTypes = ['direct', 'group', 'task'] as const;
export const chatRoomStatuses = ['active', 'archived', 'closed'] as const;

const roomFields = {
  id: z.uuid(),
  title: z.string().nullable(),
  task_id: z.uuid().nullable(),
  inserted_at: Timestamp,
  updated_at: Timestamp,
};

/** A room as the Agent API shows it; older clients also read `status`, `type` and `metadata`. */
export const ChatRoom = z
  .object({
    ...roomFields,
    type: z.enum(chatRoomTypes),
    status: z.enum(chatRoomStatuses),
    metadata: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'ChatRoom' });
export type ChatRoom = z.infer<typeof ChatRoom>;

/** A room as the Human API shows it, with the time of its newest chat message. */
export const MeChatRoom = z
  .object({
    ...roomFields,
    type: z.enum(chatRoomTypes),
    status: z.enum(chatRoomStatuses),
    last_message_at: Timestamp.nullable().meta({
      description: 'Time of the newest message (text or event) in the room; null when there is none',
    }),
  })
  .meta({ id: 'MeChatRoom' });
export type MeChatRoom = z.infer<typeof MeChatRoom>;
