import { isUniqueViolation } from '@parley/db/errors';
import { findParticipant, insertParticipant } from '@parley/db/repositories/chatParticipants';
import { type AddingCaller, findAddableCandidate } from '@parley/db/repositories/participantCandidates';
import type { ParticipantRole } from '@parley/db/tables/chatParticipants';
import { AppError, notFound } from '../appError.js';
import { type Identity, principalIdOf } from '../auth/identity.js';
import { requireMembership } from '../chats/roomAccess.js';
import type { CoreDeps } from '../deps.js';
import { recordJoinedRoom } from '../events/roomEvents.js';
import { transact } from '../idempotency/transact.js';
import { reserveQuota } from '../quota/reserveQuota.js';
import { assertMayAdd } from './participantRules.js';

function addingCaller(identity: Identity): AddingCaller {
  return identity.kind === 'user'
    ? { kind: 'user', userId: identity.userId, organizationId: identity.organizationId }
    : { kind: 'agent', agentId: identity.agentId, ownerId: identity.ownerId, organizationId: identity.organizationId };
}

/**
 * Adds a user or agent to a room. Checks, in order: the caller is in the room (404), may add with
 * that role (403), the candidate is not already there (409) and is someone the caller may add
 * (404, as if it did not exist). The seat is reserved in the room's participant quota (403
 * `limit_reached`) in the insert's transaction.
 */
export async function addParticipant(
  deps: CoreDeps,
  identity: Identity,
  input: { roomId: string; participantId: string; role?: ParticipantRole | undefined },
) {
  const membership = await requireMembership(deps.db, input.roomId, principalIdOf(identity));
  const role = input.role ?? 'member';
  assertMayAdd(membership.role, role);
  const alreadyThere = () => new AppError('conflict', 'Already a participant of this room');
  if (await findParticipant(deps.db, input.roomId, input.participantId)) throw alreadyThere();
  const candidate = await findAddableCandidate(deps.db, addingCaller(identity), input.participantId);
  if (!candidate) throw notFound('Participant');
  try {
    await transact(deps, async (trx) => {
      await reserveQuota(trx, deps.defaultLimits, {
        organizationId: membership.organizationId,
        resource: 'participants',
        scopeId: input.roomId,
      });
      await insertParticipant(trx, {
        chat_room_id: input.roomId,
        participant_id: candidate.id,
        participant_type: candidate.kind,
        role,
      });
      await recordJoinedRoom(trx, { roomId: input.roomId, principalId: candidate.id, announce: true });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyThere();
    throw error;
  }
  const added = await findParticipant(deps.db, input.roomId, candidate.id);
  if (!added) throw notFound('Participant');
  return added;
}
