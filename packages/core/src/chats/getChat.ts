import { findRoomOfParticipant } from '@parley/db/repositories/chatRooms';
import { notFound } from '../appError.js';
import { type Identity, principalIdOf } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';

/** A room the caller participates in; 404 otherwise. */
export async function getChat(deps: CoreDeps, identity: Identity, roomId: string) {
  const room = await findRoomOfParticipant(deps.db, roomId, principalIdOf(identity));
  if (!room) throw notFound('Chat room');
  return room;
}
