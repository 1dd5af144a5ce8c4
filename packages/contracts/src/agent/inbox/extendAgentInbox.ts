import { z } from 'zod';
import { operation } from '../../operationMeta.js';
import { Timestamp } from '../../scalars.js';
import { LeaseRef, LeaseSeconds, leaseList } from './leases.js';

export const extendAgentInboxMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/inbox/extend',
  operationId: 'extendAgentInbox',
  summary: 'Extend leases (Parley extension)',
  description:
    'A Parley extension. Renews each lease still held to `lease_seconds` from now. A lease no longer held ' +
    'is `lease_lost` (the handler should stop: another worker may have the message).',
  tags: ['agentApiInbox'],
});

export const ExtendAgentInboxInput = z.strictObject({ leases: leaseList(LeaseRef), lease_seconds: LeaseSeconds });
export const ExtendAgentInboxOutput = z.object({
  data: z.array(
    z.object({
      message_id: z.uuid(),
      result: z.enum(['extended', 'lease_lost']),
      lease_expires_at: Timestamp.nullable(),
    }),
  ),
});
