import { findParticipant } from '@parley/db/repositories/chatParticipants';
import { insertMessage } from '@parley/db/repositories/messages';
import type { MessageType } from '@parley/db/tables/messages';
import { notFound, validationError } from '../appError.js';
import type { AgentIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { transact } from '../idempotency/transact.js';
import { reserveQuota } from '../quota/reserveQuota.js';
import { publishNewMessage } from './publishNewMessage.js';
import { isUnstorableText, UNSTORABLE_TEXT } from './unstorableText.js';

export type EventType = Extract<MessageType, 'tool_call' | 'tool_result' | 'thought' | 'error' | 'task' | 'attention'>;

export const MAX_EVENT_CONTENT = 16_384;
export const MAX_EVENT_METADATA_BYTES = 64 * 1024;

/**
 * Records what an agent did (a tool call, its result, a thought…) as a message of the room. Events
 * mention nobody and are delivered to no agent; humans read them in the room's message list.
 * `metadata` may hold at most 64 KiB once serialized. Counts against the room's message quota.
 */
export async function createEvent(
  deps: CoreDeps,
  identity: AgentIdentity,
  input: { roomId: string; content: string; messageType: EventType; metadata?: Record<string, unknown> | null },
) {
  const sender = await findParticipant(deps.db, input.roomId, identity.agentId);
  if (!sender) throw notFound('Chat room');
  if (isUnstorableText(input.content)) throw validationError('/event/content', UNSTORABLE_TEXT);
  if ([...input.content].length > MAX_EVENT_CONTENT) {
    throw validationError('/event/content', `must be at most ${MAX_EVENT_CONTENT} characters`);
  }
  const metadata = input.metadata ?? {};
  if (isUnstorableText(metadata)) throw validationError('/event/metadata', UNSTORABLE_TEXT);
  if (Buffer.byteLength(JSON.stringify(metadata), 'utf8') > MAX_EVENT_METADATA_BYTES) {
    throw validationError('/event/metadata', 'must be at most 64 KiB when serialized');
  }
  const message = await transact(deps, async (trx) => {
    await reserveQuota(trx, deps.defaultLimits, {
      organizationId: sender.room_organization_id,
      resource: 'messages',
      scopeId: input.roomId,
    });
    const inserted = await insertMessage(trx, {
      chat_room_id: input.roomId,
      sender_id: identity.agentId,
      sender_type: 'Agent',
      message_type: input.messageType,
      content: input.content,
      metadata,
    });
    await publishNewMessage(trx, {
      organizationId: sender.room_organization_id,
      roomId: input.roomId,
      inserted,
      sender: { id: identity.agentId, type: 'Agent', name: sender.name },
      messageType: input.messageType,
      content: input.content,
      metadata,
      deliveredTo: [],
    });
    return inserted;
  });
  return { id: message.id, messageType: input.messageType };
}
