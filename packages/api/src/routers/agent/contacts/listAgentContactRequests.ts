import {
  ListAgentContactRequestsInput,
  ListAgentContactRequestsOutput,
  listAgentContactRequestsMeta,
} from '@parley/contracts/agent/contacts/listAgentContactRequests';
import { listContactRequests } from '@parley/core/contacts/listContactRequests';
import { toReceivedContactRequest, toSentContactRequest } from '../../../shape/contacts.js';
import { agentProcedure } from '../../../trpc.js';

/** Both directions, each paged on its own with the same `page`/`page_size`. */
export const listAgentContactRequests = agentProcedure
  .meta(listAgentContactRequestsMeta)
  .input(ListAgentContactRequestsInput)
  .output(ListAgentContactRequestsOutput)
  .query(async ({ ctx, input }) => {
    const sentStatus = input?.sent_status ?? 'pending';
    const [received, sent] = await Promise.all([
      listContactRequests(ctx.deps, ctx.identity, { direction: 'received', status: 'pending', page: input }),
      listContactRequests(ctx.deps, ctx.identity, {
        direction: 'sent',
        // The vendor's agent enums have no `expired`: `all` keeps to the statuses they know.
        status: sentStatus === 'all' ? 'all_but_expired' : sentStatus,
        page: input,
      }),
    ]);
    return {
      data: {
        received: received.requests.map(toReceivedContactRequest),
        sent: sent.requests.map(toSentContactRequest),
      },
      metadata: {
        page: received.metadata.page,
        page_size: received.metadata.page_size,
        received: { total: received.metadata.total_count, total_pages: received.metadata.total_pages },
        sent: { total: sent.metadata.total_count, total_pages: sent.metadata.total_pages },
      },
    };
  });
