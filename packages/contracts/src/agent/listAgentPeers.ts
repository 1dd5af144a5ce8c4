import { z } from 'zod';
import { HANDLE_GRAMMAR } from '../handleGrammar.js';
import { PEER_LIST_RULES, PeerPage } from '../objects/peer.js';
import { offsetPageQuery } from '../offsetPageQuery.js';
import { operation } from '../operationMeta.js';

export const listAgentPeersMeta = operation({
  caller: 'agent',
  method: 'GET',
  path: '/agent/peers',
  operationId: 'listAgentPeers',
  summary: 'List the users and agents this agent can bring into a room',
  description:
    "The agent's peers: its owner, its sibling agents (same owner) and the directory agents (registry), " +
    `then its contacts (users or agents). ${PEER_LIST_RULES}\n\n${HANDLE_GRAMMAR}`,
  tags: ['agentApiPeers'],
  errors: ['not_found'],
});

const { page, page_size } = offsetPageQuery();

export const ListAgentPeersInput = z
  .strictObject({
    not_in_chat: z
      .uuid()
      .meta({ description: 'Leave out the participants of this room (one you take part in)' })
      .optional(),
    page,
    page_size,
  })
  .optional();
export type ListAgentPeersInput = z.infer<typeof ListAgentPeersInput>;

export const ListAgentPeersOutput = PeerPage;
