import { findRoomOfParticipant, updateRoomTitle } from '@parley/db/repositories/chatRooms';
import { AppError, notFound } from '../appError.js';
import { type Identity, principalIdOf } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { recordEvent } from '../events/recordEvent.js';
import { chatRoomView } from './chatRoomWire.js';
import { normalizeTitle } from './chatTitle.js';

/**
 * Renames a room; only participants learn it exists (404). Who may: owners (the Agent API, as the
 * vendor documents it), or owners and admins (the Human API's Parley extension), else 403.
 */
export async function renameChat(
  deps: CoreDeps,
  identity: Identity,
  input: { roomId: string; title: string },
  allowed: 'owner' | 'owner_or_admin' = 'owner',
) {
  const callerId = principalIdOf(identity);
  const room = await findRoomOfParticipant(deps.db, input.roomId, callerId);
  if (!room) throw notFound('Chat room');
  const mayRename = room.role === 'owner' || (allowed === 'owner_or_admin' && room.role === 'admin');
  if (!mayRename) {
    throw new AppError(
      'forbidden',
      allowed === 'owner'
        ? 'Only an owner of the room can rename it'
        : 'Only an owner or admin of the room can rename it',
    );
  }
  const title = normalizeTitle(input.title, { pointer: '/chat/title', required: true });
  return deps.db.transaction().execute(async (trx) => {
    await updateRoomTitle(trx, input.roomId, title);
    const renamed = await findRoomOfParticipant(trx, input.roomId, callerId);
    if (!renamed) throw notFound('Chat room');
    await recordEvent(trx, {
      type: 'room_updated',
      organizationId: renamed.organization_id,
      roomId: renamed.id,
      payload: chatRoomView(renamed),
    });
    return renamed;
  });
}
