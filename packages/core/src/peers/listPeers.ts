import { isRoomParticipant, listPeerPage } from '@parley/db/repositories/peers';
import { notFound } from '../appError.js';
import { type Identity, principalIdOf } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { offsetMetadata, resolvePageRequest } from '../pagination/pageRequest.js';
import { registrySourcesOf } from './peerSources.js';

export interface ListPeersQuery {
  type?: 'User' | 'Agent' | undefined;
  not_in_chat?: string | undefined;
  page?: number | undefined;
  page_size?: number | undefined;
}

/**
 * The users and agents the caller can bring into a room, one offset page: registry entries first,
 * then contact-only entries (see `listPeerPage` for the order).
 *
 * `not_in_chat` must be a room the caller takes part in: the filter reveals who is in the room,
 * so any other room (unknown, foreign, or one the caller has left) is a 404, never an empty list.
 */
export async function listPeers(deps: CoreDeps, identity: Identity, query: ListPeersQuery | undefined) {
  const q = query ?? {};
  const page = resolvePageRequest({ page: q.page, page_size: q.page_size }, { fallback: 'offset' });
  if (page.style !== 'offset') throw new Error('peers page by offset only');
  const callerId = principalIdOf(identity);
  if (q.not_in_chat && !(await isRoomParticipant(deps.db, q.not_in_chat, callerId))) {
    throw notFound('Chat room');
  }
  const { peers, total } = await listPeerPage(deps.db, {
    callerId,
    registry: registrySourcesOf(identity),
    type: q.type,
    notInRoomId: q.not_in_chat,
    limit: page.limit,
    offset: page.offset,
  });
  return { peers, metadata: offsetMetadata(page.page, page.limit, total) };
}
