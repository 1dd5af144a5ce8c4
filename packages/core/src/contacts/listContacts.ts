import { type ContactView, countContacts, listContactViews } from '@parley/db/repositories/contacts';
import { type Identity, principalIdOf } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { offsetMetadata, resolvePageRequest } from '../pagination/pageRequest.js';

export interface OffsetPageQuery {
  page?: number | undefined;
  page_size?: number | undefined;
}

/** The caller's contacts (user or agent), newest first, one offset page (docs/api.md). */
export async function listContacts(
  deps: CoreDeps,
  identity: Identity,
  query: OffsetPageQuery | undefined,
): Promise<{ contacts: ContactView[]; metadata: ReturnType<typeof offsetMetadata> }> {
  const me = principalIdOf(identity);
  const request = resolvePageRequest(query);
  if (request.style !== 'offset') throw new Error('contacts are paged by offset only');
  const [contacts, total] = await Promise.all([
    listContactViews(deps.db, me, { limit: request.limit, offset: request.offset }),
    countContacts(deps.db, me),
  ]);
  return { contacts, metadata: offsetMetadata(request.page, request.limit, total) };
}
