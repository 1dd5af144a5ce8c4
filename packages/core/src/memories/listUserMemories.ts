import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { attributeFilters, type MemoryAttributeQuery, pageOfMemories } from './memoryListPage.js';
import { type UserMemoryScope, userMemoryBranches } from './userMemoryView.js';

export interface ListUserMemoriesQuery extends MemoryAttributeQuery {
  scope?: UserMemoryScope | undefined;
  chat_room_id?: string | undefined;
}

/**
 * The memories a user can see, by scope (default `all`). `chat_room_id` narrows to one room the
 * user takes part in; any other room, another organization's included, gives an empty list.
 */
export async function listUserMemories(
  deps: CoreDeps,
  identity: UserIdentity,
  query: ListUserMemoriesQuery | undefined,
) {
  const q = query ?? {};
  return pageOfMemories(
    deps,
    {
      organizationId: identity.organizationId,
      branches: userMemoryBranches(identity, q.scope ?? 'all'),
      room: q.chat_room_id ? { id: q.chat_room_id, participantId: identity.userId } : undefined,
      ...attributeFilters(q),
    },
    q,
  );
}
