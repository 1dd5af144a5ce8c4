import type { Migration } from 'kysely/migration';
import * as initialDomain from './2026-11-29T1600-initial-domain.js';
import * as chatCore from './2026-11-29T1700-chat-core.js';
import * as agentsPeers from './2026-11-29T1710-agents-peers.js';
import * as memories from './2026-11-29T1730-memories.js';
import * as eventOutbox from './2026-11-29T1740-event-outbox.js';
import * as roomTaskBoard from './2026-11-30T2107-room-task-board.js';
import * as leasedClaims from './2026-11-30T2110-leased-claims.js';
import * as idempotencyKeys from './2026-11-30T2112-idempotency-keys.js';
import * as webSignIn from './2026-11-30T2120-web-sign-in.js';
import * as platformAgents from './2026-11-30T2130-platform-agents.js';
import * as idempotencyEffects from './2026-12-01T0030-idempotency-effects.js';
import * as contactRequestExpiry from './2026-12-01T0100-contact-request-expiry.js';

/**
 * Every migration, by name, in order. A static index (not a folder scan) so the list survives
 * bundling and nothing is picked up by accident. Add new files here with a later timestamp.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-29T1600-initial-domain': initialDomain,
  '2026-11-29T1700-chat-core': chatCore,
  '2026-11-29T1710-agents-peers': agentsPeers,
  '2026-11-29T1730-memories': memories,
  '2026-11-29T1740-event-outbox': eventOutbox,
  '2026-11-30T2107-room-task-board': roomTaskBoard,
  '2026-11-30T2110-leased-claims': leasedClaims,
  '2026-11-30T2112-idempotency-keys': idempotencyKeys,
  '2026-11-30T2130-platform-agents': platformAgents,
  '2026-11-30T2120-web-sign-in': webSignIn,
  '2026-12-01T0030-idempotency-effects': idempotencyEffects,
  '2026-12-01T0100-contact-request-expiry': contactRequestExpiry,
};
