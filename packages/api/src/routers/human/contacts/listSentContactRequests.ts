import {
  ListSentContactRequestsInput,
  ListSentContactRequestsOutput,
  listSentContactRequestsMeta,
} from '@parley/contracts/human/contacts/listSentContactRequests';
import { listContactRequests } from '@parley/core/contacts/listContactRequests';
import { toContactRequest } from '../../../shape/contacts.js';
import { humanProcedure } from '../../../trpc.js';

export const listSentContactRequests = humanProcedure
  .meta(listSentContactRequestsMeta)
  .input(ListSentContactRequestsInput)
  .output(ListSentContactRequestsOutput)
  .query(async ({ ctx, input }) => {
    const { requests, metadata } = await listContactRequests(ctx.deps, ctx.identity, {
      direction: 'sent',
      status: input?.status ?? 'all',
      page: input,
    });
    return { data: requests.map(toContactRequest), metadata };
  });
