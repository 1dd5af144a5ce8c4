import { router } from '../../../trpc.js';
import { ackAgentInbox } from './ackAgentInbox.js';
import { claimAgentInbox } from './claimAgentInbox.js';
import { extendAgentInbox } from './extendAgentInbox.js';
import { failAgentInbox } from './failAgentInbox.js';

/** Leased claims (`/agent/inbox/*`, a Parley extension): many workers of one agent, no duplicates. */
export const agentInboxRouter = router({
  claim: claimAgentInbox,
  ack: ackAgentInbox,
  fail: failAgentInbox,
  extend: extendAgentInbox,
});
