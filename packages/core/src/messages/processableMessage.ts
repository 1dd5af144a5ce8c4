import type { Executor } from '@parley/db/database';
import { findMessageInRoom } from '@parley/db/repositories/messages';
import { notFound } from '../appError.js';

/**
 * The message an agent wants to mark, if it may: a text message of the room that mentions it
 * (as `mention` or as `reference`). Anything else, including its own messages and other agents'
 * events, answers 404 as if it did not exist.
 */
export async function requireProcessableMessage(db: Executor, roomId: string, messageId: string, agentId: string) {
  const message = await findMessageInRoom(db, roomId, messageId);
  const mentions = message?.metadata.mentions;
  const mentioned =
    message?.message_type === 'text' &&
    Array.isArray(mentions) &&
    mentions.some((m) => typeof m === 'object' && m !== null && (m as { id?: unknown }).id === agentId);
  if (!message || !mentioned) throw notFound('Message');
  return message;
}
