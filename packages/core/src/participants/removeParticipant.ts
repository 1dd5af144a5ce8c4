import { deleteParticipant, findParticipant, lockOwners } from '@parley/db/repositories/chatParticipants';
import { notFound } from '../appError.js';
import { type Identity, principalIdOf } from '../auth/identity.js';
import { requireMembership } from '../chats/roomAccess.js';
import type { CoreDeps } from '../deps.js';
import { recordLeavingRoom } from '../events/roomEvents.js';
import { transact } from '../idempotency/transact.js';
import { releaseQuota } from '../quota/reserveQuota.js';
import { assertMayRemove } from './participantRules.js';

/**
 * Removes a participant (or lets the caller leave) under the role rules of docs/participants.md, gives its seat
 * back to the room's participant quota, and returns it as it was. The owner rows are locked
 * while counting them, so two owners leaving at once cannot leave the room without one.
 */
export async function removeParticipant(
  deps: CoreDeps,
  identity: Identity,
  input: { roomId: string; participantId: string },
) {
  const callerId = principalIdOf(identity);
  const membership = await requireMembership(deps.db, input.roomId, callerId);
  const target = await findParticipant(deps.db, input.roomId, input.participantId);
  if (!target) throw notFound('Participant');
  const caller = { id: callerId, kind: identity.kind === 'user' ? ('User' as const) : ('Agent' as const) };
  await transact(deps, async (trx) => {
    const owners = target.role === 'owner' ? await lockOwners(trx, input.roomId) : [];
    assertMayRemove({ ...caller, role: membership.role }, target, owners.length);
    await recordLeavingRoom(trx, { roomId: input.roomId, participant: target });
    if (!(await deleteParticipant(trx, input.roomId, target.id))) throw notFound('Participant');
    await releaseQuota(trx, { resource: 'participants', scopeId: input.roomId });
  });
  return target;
}
