import { z } from 'zod';
import { operation } from '../../operationMeta.js';
import { LeaseRef, leaseList, SettleOutput } from './leases.js';

export const ackAgentInboxMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/inbox/ack',
  operationId: 'ackAgentInbox',
  summary: 'Acknowledge claimed messages as processed (Parley extension)',
  description:
    'A Parley extension. Marks each leased message `processed` (one or up to 100 in one call) and frees ' +
    'its room for the next claim. A lease that is no longer held answers `lease_lost` for that message ' +
    'and changes nothing; a lease that expired but was not claimed again can still be acked.',
  tags: ['agentApiInbox'],
});

export const AckAgentInboxInput = z.strictObject({ leases: leaseList(LeaseRef) });
export const AckAgentInboxOutput = SettleOutput;
