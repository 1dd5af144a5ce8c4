import { z } from 'zod';
import { operation } from '../../operationMeta.js';
import { LeaseRef, leaseList, SettleOutput } from './leases.js';

export const failAgentInboxMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/inbox/fail',
  operationId: 'failAgentInbox',
  summary: 'Fail claimed messages (Parley extension)',
  description:
    'A Parley extension. Marks each leased message `failed` with its `error` (one or up to 100 in one ' +
    'call). It is claimable again as attempt n+1, at once or after `retry_after_seconds`; when the agent’s `max_attempts` are used up ' +
    'it is dead-lettered instead (`dead_lettered`): it stays `failed`, leaves the queue of claims, and ' +
    'its owner can retry it. A lease no longer held answers `lease_lost`.',
  tags: ['agentApiInbox'],
});

export const FailAgentInboxInput = z.strictObject({
  leases: leaseList(
    LeaseRef.extend({
      error: z.string().trim().min(1).max(10_000),
      retry_after_seconds: z
        .number()
        .min(0)
        .max(86_400)
        .meta({ description: 'Not claimable again before this many seconds (its room waits too, to keep order)' })
        .optional(),
      dead_letter: z
        .boolean()
        .meta({ description: 'Give up now: dead-letter the message whatever attempts are left' })
        .optional(),
    }),
  ),
});
export const FailAgentInboxOutput = SettleOutput;
