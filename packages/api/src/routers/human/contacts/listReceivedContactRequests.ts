import {
  ListReceivedContactRequestsInput,
  ListReceivedContactRequestsOutput,
  listReceivedContactRequestsMeta,
} from '@parley/contracts/human/contacts/listReceivedContactRequests';
import { listReceivedContactRequestsAliasMeta } from '@parley/contracts/human/contacts/listReceivedContactRequestsAlias';
import type { OperationMeta } from '@parley/contracts/operationMeta';
import { listContactRequests } from '@parley/core/contacts/listContactRequests';
import { toContactRequest } from '../../../shape/contacts.js';
import { humanProcedure } from '../../../trpc.js';

/** Received requests are always the live pending ones (vendor: "pending contact requests"). */
function receivedRequestsAt(meta: OperationMeta) {
  return humanProcedure
    .meta(meta)
    .input(ListReceivedContactRequestsInput)
    .output(ListReceivedContactRequestsOutput)
    .query(async ({ ctx, input }) => {
      const { requests, metadata } = await listContactRequests(ctx.deps, ctx.identity, {
        direction: 'received',
        status: 'pending',
        page: input,
      });
      return { data: requests.map(toContactRequest), metadata };
    });
}

export const listReceivedContactRequests = receivedRequestsAt(listReceivedContactRequestsMeta);
export const listReceivedContactRequestsAlias = receivedRequestsAt(listReceivedContactRequestsAliasMeta);
