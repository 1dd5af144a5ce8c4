import type { AgentIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { finishProcessing } from './finishProcessing.js';

/** Closes the agent's open attempt as a success: the message leaves its queue. */
export function markProcessed(deps: CoreDeps, identity: AgentIdentity, input: { roomId: string; messageId: string }) {
  return finishProcessing(deps, identity, input, { status: 'processed' });
}
