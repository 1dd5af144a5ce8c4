import {
  CreateContactRequestInput,
  CreateContactRequestOutput,
  createContactRequestMeta,
} from '@parley/contracts/human/contacts/createContactRequest';
import { sendContactRequest } from '@parley/core/contacts/sendContactRequest';
import { toContactRequest } from '../../../shape/contacts.js';
import { humanProcedure } from '../../../trpc.js';

export const createContactRequest = humanProcedure
  .meta(createContactRequestMeta)
  .input(CreateContactRequestInput)
  .output(CreateContactRequestOutput)
  .mutation(async ({ ctx, input }) => {
    const { recipient_handle, message } = input.contact_request;
    const { request } = await sendContactRequest(ctx.deps, ctx.identity, { handle: recipient_handle, message });
    return { data: toContactRequest(request) };
  });
