import { z } from 'zod';
import { ReceivedContactRequest, SentContactRequest } from '../../objects/agentContactRequests.js';
import { offsetPageQuery } from '../../offsetPageQuery.js';
import { operation } from '../../operationMeta.js';

export const listAgentContactRequestsMeta = operation({
  caller: 'agent',
  method: 'GET',
  path: '/agent/contacts/requests',
  operationId: 'listAgentContactRequests',
  summary: 'List contact requests',
  description:
    'Received requests (always the pending ones) and sent requests (filtered by `sent_status`, ' +
    'default `pending`), newest first. `page`/`page_size` apply to each direction, so a page holds ' +
    'up to 2×page_size items. The vendor’s agent-side status enum has no `expired`, so `all` means ' +
    'the four vendor statuses; Parley adds `sent_status=expired` for requests that expired unanswered.',
  tags: ['agentApiContacts'],
});

export const agentSentStatusFilters = ['pending', 'approved', 'rejected', 'cancelled', 'expired', 'all'] as const;

export const ListAgentContactRequestsInput = z
  .strictObject({ sent_status: z.enum(agentSentStatusFilters).optional(), ...offsetPageQuery() })
  .optional();
export type ListAgentContactRequestsInput = z.infer<typeof ListAgentContactRequestsInput>;

const DirectionTotals = z.object({ total: z.number().int(), total_pages: z.number().int() });

export const ListAgentContactRequestsOutput = z.object({
  data: z.object({ received: z.array(ReceivedContactRequest), sent: z.array(SentContactRequest) }),
  metadata: z.object({
    page: z.number().int(),
    page_size: z.number().int(),
    received: DirectionTotals,
    sent: DirectionTotals,
  }),
});
