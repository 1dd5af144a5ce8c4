import { validationError } from '../appError.js';
import type { AgentIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { finishProcessing } from './finishProcessing.js';
import { isUnstorableText, UNSTORABLE_TEXT } from './unstorableText.js';

/** Closes the agent's open attempt as failed, with its error; the message stays in the queue for a retry. */
export function markFailed(
  deps: CoreDeps,
  identity: AgentIdentity,
  input: { roomId: string; messageId: string; error: string },
) {
  if (isUnstorableText(input.error)) throw validationError('/error', UNSTORABLE_TEXT);
  return finishProcessing(deps, identity, input, { status: 'failed', error: input.error });
}
