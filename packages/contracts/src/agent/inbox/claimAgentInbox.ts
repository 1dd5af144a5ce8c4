import { z } from 'zod';
import { operation } from '../../operationMeta.js';
import { Claim, LeaseSeconds } from './leases.js';

export const claimAgentInboxMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/inbox/claim',
  operationId: 'claimAgentInbox',
  summary: 'Claim messages under a lease (Parley extension)',
  description:
    'A Parley extension. Claims up to `max` messages that mention the agent, across its rooms or in ' +
    '`chat_id` only, oldest first, each under a lease. Workers of one agent never receive the same ' +
    'message, and a room gives out one message at a time, in order: its next message is claimable ' +
    'once the current one is acked, failed or its lease expires. A claim is the vendor’s `processing` ' +
    '(a new attempt); ack is `processed`, fail is `failed`. An expired lease returns the message with ' +
    'its attempt number raised; after the agent’s `max_attempts` the message is dead-lettered. ' +
    'An empty list means nothing is claimable now. See docs/leased-claims.md.',
  tags: ['agentApiInbox'],
  errors: ['not_found'],
});

export const ClaimAgentInboxInput = z.strictObject({
  max: z.number().int().min(1).max(100).meta({ description: 'Most messages to claim (1–100)' }),
  lease_seconds: LeaseSeconds,
  chat_id: z.uuid().meta({ description: 'Claim from this room only' }).optional(),
});
export const ClaimAgentInboxOutput = z.object({ data: z.array(Claim) });
