import { insertParticipant } from '@parley/db/repositories/chatParticipants';
import { insertChatRoom } from '@parley/db/repositories/chatRooms';
import { type Identity, principalIdOf } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { recordJoinedRoom } from '../events/roomEvents.js';
import { transact } from '../idempotency/transact.js';
import { reserveQuota } from '../quota/reserveQuota.js';
import { normalizeTitle } from './chatTitle.js';

/**
 * Creates a room in the caller's organization with the caller as its `owner`, in one transaction
 * that reserves a unit of the organization's chat quota and the owner's seat in the room's
 * participant quota.
 */
export async function createChat(
  deps: CoreDeps,
  identity: Identity,
  input: { title?: string | null | undefined; task_id?: string | null | undefined },
) {
  const title = normalizeTitle(input.title, { pointer: '/chat/title', required: false });
  const callerId = principalIdOf(identity);
  return transact(deps, async (trx) => {
    await reserveQuota(trx, deps.defaultLimits, { organizationId: identity.organizationId, resource: 'chats' });
    const room = await insertChatRoom(trx, {
      organization_id: identity.organizationId,
      title,
      task_id: input.task_id ?? null,
      created_by: callerId,
    });
    await reserveQuota(trx, deps.defaultLimits, {
      organizationId: identity.organizationId,
      resource: 'participants',
      scopeId: room.id,
    });
    await insertParticipant(trx, {
      chat_room_id: room.id,
      participant_id: callerId,
      participant_type: identity.kind === 'user' ? 'User' : 'Agent',
      role: 'owner',
    });
    await recordJoinedRoom(trx, { roomId: room.id, principalId: callerId, announce: false });
    return room;
  });
}
