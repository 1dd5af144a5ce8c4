import type { Executor } from '@parley/db/database';
import { findParticipant } from '@parley/db/repositories/chatParticipants';
import type { ActorSnapshot } from '@parley/db/tables/chatTasks';
import { notFound } from '../appError.js';
import { type Identity, principalIdOf } from '../auth/identity.js';

/**
 * The caller as a participant of the room, snapshotted for history rows. A room the caller is not
 * in (or of another organization) answers 404 like one that does not exist.
 */
export async function roomActor(
  db: Executor,
  identity: Identity,
  roomId: string,
): Promise<{ actor: ActorSnapshot; organizationId: string }> {
  const participant = await findParticipant(db, roomId, principalIdOf(identity));
  if (!participant || participant.room_organization_id !== identity.organizationId) throw notFound('Chat room');
  return {
    actor: { id: participant.id, type: participant.type, name: participant.name, handle: participant.handle },
    organizationId: participant.room_organization_id,
  };
}
