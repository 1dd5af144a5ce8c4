import { listAllParticipants } from '@parley/db/repositories/chatParticipants';
import { currentUsage } from '@parley/db/repositories/quotaUsage';
import { insertSentMessage } from '@parley/db/repositories/sentMessages';
import { AppError, notFound } from '../appError.js';
import { type Identity, principalIdOf } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { oneStatement } from '../idempotency/oneStatement.js';
import { messageLimit } from '../quota/reserveQuota.js';
import { type MentionInput, resolveMentions, withMentionPrefix } from './resolveMentions.js';

export interface SendMessageInput {
  roomId: string;
  content: string;
  mentions?: MentionInput[] | null | undefined;
}

/**
 * Posts a text message from a user or an agent (docs/messages.md). Mentions are resolved against the
 * room's participants and stored as `metadata.mentions`; every mentioned agent (kind `mention`)
 * gets a delivery row in the message's own transaction, so the message and its queue entries
 * appear together or not at all. The message counts against the room's message quota (403).
 *
 * The write is one statement (`insertSentMessage`): quota reservation, message, deliveries and
 * the `message_created` outbox row. The reservation's row lock serializes the sends of one room,
 * so within a room `seq` order is commit order and a keyset cursor never skips a message that
 * commits late; as its own transaction, the statement holds that lock for no round trip at all.
 * Nothing else is locked: the room row is never updated here.
 */
export async function sendMessage(deps: CoreDeps, identity: Identity, input: SendMessageInput) {
  const senderId = principalIdOf(identity);
  // The participants (to resolve mentions) also tell whether the sender is one: one statement.
  const members = await listAllParticipants(deps.db, input.roomId);
  const sender = members.find((m) => m.id === senderId);
  if (!sender) throw notFound('Chat room');
  const membership = { role: sender.role, organizationId: sender.room_organization_id };
  const mentions = resolveMentions({
    content: input.content,
    mentions: input.mentions,
    senderId,
    members,
    pointer: '/message',
  });
  const recipients = mentions.filter((m) => m.kind === 'mention');
  const agents = recipients.filter((m) => m.type === 'Agent');
  const senderType = identity.kind === 'user' ? ('User' as const) : ('Agent' as const);
  const content = withMentionPrefix(input.content, mentions);
  const metadata = {
    mentions: mentions.map(({ id, handle, name, kind }) => ({ id, handle, name, kind })),
    // Deliveries are written with the message, so every mentioned agent has it at commit.
    status: agents.length > 0 ? 'delivered' : 'sent',
  };
  const agentIds = agents.map((agent) => agent.id);
  const limit = await messageLimit(deps, membership.organizationId);
  const payload = {
    chat_room_id: input.roomId,
    sender_id: senderId,
    sender_type: senderType,
    message_type: 'text',
    content,
    metadata,
    sender_name: sender.name,
  };
  const message = await oneStatement(deps, (db) =>
    insertSentMessage(db, {
      roomId: input.roomId,
      senderId,
      senderType,
      content,
      metadata: JSON.stringify(metadata),
      agentIds,
      organizationId: membership.organizationId,
      payload: JSON.stringify(payload),
      limit,
    }),
  );
  if (!message) {
    throw new AppError('limit_reached', `Your plan allows ${limit} messages`, {
      resource: 'messages',
      limit,
      current: await currentUsage(deps.db, input.roomId, 'messages'),
    });
  }
  return { id: message.id, recipients: recipients.map(({ id, handle, name }) => ({ id, handle, name })) };
}
