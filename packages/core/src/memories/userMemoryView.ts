import type { MemoryBranch } from '@parley/db/repositories/memories';
import type { UserIdentity } from '../auth/identity.js';

export type UserMemoryScope = 'about_me' | 'organization' | 'room' | 'all';

/**
 * What a user sees of their organization's memories, by list scope: the memories about them,
 * the organization-scoped ones, and those stored in rooms they take part in; `all` is the union
 * and also decides what a single-memory read may return.
 */
export function userMemoryBranches(identity: UserIdentity, scope: UserMemoryScope): MemoryBranch[] {
  const about: MemoryBranch = { kind: 'about', subjectId: identity.userId };
  const organization: MemoryBranch = { kind: 'organization_scope' };
  const rooms: MemoryBranch = { kind: 'rooms_of', participantId: identity.userId };
  switch (scope) {
    case 'about_me':
      return [about];
    case 'organization':
      return [organization];
    case 'room':
      return [rooms];
    case 'all':
      return [about, organization, rooms];
  }
}
