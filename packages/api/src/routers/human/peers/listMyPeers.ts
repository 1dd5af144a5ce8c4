import { ListMyPeersInput, ListMyPeersOutput, listMyPeersMeta } from '@parley/contracts/human/listMyPeers';
import { listPeers } from '@parley/core/peers/listPeers';
import { toPeer } from '../../../shape/peers.js';
import { humanProcedure } from '../../../trpc.js';

export const listMyPeers = humanProcedure
  .meta(listMyPeersMeta)
  .input(ListMyPeersInput)
  .output(ListMyPeersOutput)
  .query(async ({ ctx, input }) => {
    const { peers, metadata } = await listPeers(ctx.deps, ctx.identity, input);
    return { data: peers.map(toPeer), metadata };
  });
