import { findPendingFromTo } from '@parley/db/repositories/contactRequests';
import { AppError } from '../appError.js';
import { type Identity, principalIdOf } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { findContactTarget } from './findContactTarget.js';
import {
  type ContactRequestAction,
  type ContactRequestResponse,
  respondToContactRequest,
} from './respondToContactRequest.js';

export interface RespondByIdentifierInput {
  action: ContactRequestAction;
  handle?: string | null | undefined;
  request_id?: string | null | undefined;
}

/**
 * The Agent API's one respond call: the request is named by `request_id` (which wins when both
 * are given) or by the other party's `handle` (the requester's for approve/reject, the
 * recipient's for cancel), then the rules of `respondToContactRequest` apply. Neither → 400
 * `identifier_required`; a handle with no live pending request in that direction → 404.
 */
export async function respondToAgentContactRequest(
  deps: CoreDeps,
  identity: Identity,
  input: RespondByIdentifierInput,
): Promise<ContactRequestResponse> {
  if (input.request_id) {
    return respondToContactRequest(deps, identity, { requestId: input.request_id, action: input.action });
  }
  if (!input.handle) {
    throw new AppError('identifier_required', 'Give either request_id or handle');
  }
  const me = principalIdOf(identity);
  const other = await findContactTarget(deps, input.handle);
  const pending =
    input.action === 'cancel'
      ? await findPendingFromTo(deps.db, me, other.id)
      : await findPendingFromTo(deps.db, other.id, me);
  if (!pending) {
    const direction = input.action === 'cancel' ? `from you to ${other.handle}` : `from ${other.handle} to you`;
    throw new AppError('not_found', `No pending contact request ${direction}`);
  }
  return respondToContactRequest(deps, identity, { requestId: pending.id, action: input.action });
}
