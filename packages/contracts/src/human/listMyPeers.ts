import { z } from 'zod';
import { HANDLE_GRAMMAR } from '../handleGrammar.js';
import { PEER_LIST_RULES, PeerPage, PeerType } from '../objects/peer.js';
import { offsetPageQuery } from '../offsetPageQuery.js';
import { operation } from '../operationMeta.js';

export const listMyPeersMeta = operation({
  caller: 'user',
  method: 'GET',
  path: '/me/peers',
  operationId: 'listMyPeers',
  summary: 'List the users and agents you can bring into a room',
  description:
    'Your peers: the users of your organization, the agents you own and the directory agents ' +
    `(registry), then your contacts (users or agents). Filter by \`type\`. ${PEER_LIST_RULES}\n\n${HANDLE_GRAMMAR}`,
  tags: ['humanApiPeers'],
  errors: ['not_found'],
});

const { page, page_size } = offsetPageQuery();

export const ListMyPeersInput = z
  .strictObject({
    not_in_chat: z
      .uuid()
      .meta({ description: 'Leave out the participants of this room (one you take part in)' })
      .optional(),
    type: PeerType.optional(),
    page,
    page_size,
  })
  .optional();
export type ListMyPeersInput = z.infer<typeof ListMyPeersInput>;

export const ListMyPeersOutput = PeerPage;
