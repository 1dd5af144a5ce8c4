import {
  ApproveContactRequestOutput,
  approveContactRequestMeta,
} from '@parley/contracts/human/contacts/approveContactRequest';
import {
  CancelContactRequestOutput,
  cancelContactRequestMeta,
} from '@parley/contracts/human/contacts/cancelContactRequest';
import { cancelContactRequestAliasMeta } from '@parley/contracts/human/contacts/cancelContactRequestAlias';
import { ContactRequestIdInput } from '@parley/contracts/human/contacts/contactRequestIdInput';
import {
  RejectContactRequestOutput,
  rejectContactRequestMeta,
} from '@parley/contracts/human/contacts/rejectContactRequest';
import type { OperationMeta } from '@parley/contracts/operationMeta';
import { type ContactRequestAction, respondToContactRequest } from '@parley/core/contacts/respondToContactRequest';
import { humanProcedure } from '../../../trpc.js';

/** approve, reject and cancel share one shape: the request id in the path, `{id, status}` back. */
function respondWith(meta: OperationMeta, action: ContactRequestAction, output: typeof ApproveContactRequestOutput) {
  return humanProcedure
    .meta(meta)
    .input(ContactRequestIdInput)
    .output(output)
    .mutation(async ({ ctx, input }) => ({
      data: await respondToContactRequest(ctx.deps, ctx.identity, { requestId: input.id, action }),
    }));
}

export const approveContactRequest = respondWith(approveContactRequestMeta, 'approve', ApproveContactRequestOutput);
export const rejectContactRequest = respondWith(rejectContactRequestMeta, 'reject', RejectContactRequestOutput);
export const cancelContactRequest = respondWith(cancelContactRequestMeta, 'cancel', CancelContactRequestOutput);
export const cancelContactRequestAlias = respondWith(
  cancelContactRequestAliasMeta,
  'cancel',
  CancelContactRequestOutput,
);
