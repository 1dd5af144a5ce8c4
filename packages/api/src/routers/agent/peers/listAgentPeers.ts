import { ListAgentPeersInput, ListAgentPeersOutput, listAgentPeersMeta } from '@parley/contracts/agent/listAgentPeers';
import { listPeers } from '@parley/core/peers/listPeers';
import { toPeer } from '../../../shape/peers.js';
import { agentProcedure } from '../../../trpc.js';

export const listAgentPeers = agentProcedure
  .meta(listAgentPeersMeta)
  .input(ListAgentPeersInput)
  .output(ListAgentPeersOutput)
  .query(async ({ ctx, input }) => {
    const { peers, metadata } = await listPeers(ctx.deps, ctx.identity, input);
    return { data: peers.map(toPeer), metadata };
  });
