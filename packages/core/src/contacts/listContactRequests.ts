import {
  type ContactRequestListFilter,
  type ContactRequestStatusFilter,
  type ContactRequestView,
  countContactRequests,
  listContactRequestViews,
} from '@parley/db/repositories/contactRequests';
import { type Identity, principalIdOf } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { offsetMetadata, resolvePageRequest } from '../pagination/pageRequest.js';
import type { OffsetPageQuery } from './listContacts.js';

export interface ContactRequestPage {
  requests: ContactRequestView[];
  metadata: ReturnType<typeof offsetMetadata>;
}

/**
 * One offset page of the requests the caller received or sent, newest first, filtered by
 * effective status (a pending request past its expiry counts as `expired`).
 */
export async function listContactRequests(
  deps: CoreDeps,
  identity: Identity,
  input: { direction: 'received' | 'sent'; status: ContactRequestStatusFilter; page?: OffsetPageQuery | undefined },
): Promise<ContactRequestPage> {
  const request = resolvePageRequest(input.page);
  if (request.style !== 'offset') throw new Error('contact requests are paged by offset only');
  const filter: ContactRequestListFilter = {
    direction: input.direction,
    principalId: principalIdOf(identity),
    status: input.status,
  };
  const [requests, total] = await Promise.all([
    listContactRequestViews(deps.db, filter, { limit: request.limit, offset: request.offset }),
    countContactRequests(deps.db, filter),
  ]);
  return { requests, metadata: offsetMetadata(request.page, request.limit, total) };
}
