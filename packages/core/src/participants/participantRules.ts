import type { ParticipantRole } from '@parley/db/tables/chatParticipants';
import type { PrincipalKind } from '@parley/db/tables/principals';
import { AppError } from '../appError.js';

/**
 * Who may add whom with which role (docs/participants.md): owners and admins add, plain members do not, and
 * only an owner may make someone an owner.
 */
export function assertMayAdd(callerRole: ParticipantRole, requestedRole: ParticipantRole): void {
  if (callerRole === 'member') throw new AppError('forbidden', 'Only owners and admins can add participants');
  if (requestedRole === 'owner' && callerRole !== 'owner') {
    throw new AppError('forbidden', 'Only an owner can add another owner');
  }
}

/**
 * Who may remove whom (docs/participants.md, the vendor's observed behaviour). Anyone may leave, except the
 * room's sole owner; an agent never removes a user; members remove nobody else; only owners
 * remove owners.
 */
export function assertMayRemove(
  caller: { id: string; kind: PrincipalKind; role: ParticipantRole },
  target: { id: string; type: PrincipalKind; role: ParticipantRole },
  ownerCount: number,
): void {
  if (caller.id === target.id) {
    if (target.role === 'owner' && ownerCount <= 1) {
      throw new AppError('cannot_remove_sole_owner', 'The sole owner cannot leave the room');
    }
    return;
  }
  if (caller.kind === 'Agent' && target.type === 'User') {
    throw new AppError('forbidden', 'An agent cannot remove a user from a room');
  }
  if (caller.role === 'member') throw new AppError('forbidden', 'Only owners and admins can remove participants');
  if (target.role === 'owner' && caller.role !== 'owner') {
    throw new AppError('forbidden', 'Only an owner can remove an owner');
  }
}
