import type { Executor } from '@parley/db/database';
import { findMembership } from '@parley/db/repositories/chatParticipants';
import { notFound } from '../appError.js';

/**
 * The caller's role in a room and the room's organization. A room the caller is not in answers
 * 404 exactly like a room that does not exist, so nobody learns that a foreign room exists.
 */
export async function requireMembership(db: Executor, roomId: string, principalId: string) {
  const membership = await findMembership(db, roomId, principalId);
  if (!membership) throw notFound('Chat room');
  return { role: membership.role, organizationId: membership.organization_id };
}
