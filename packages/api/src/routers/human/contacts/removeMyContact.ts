import {
  RemoveContactOutput,
  RemoveMyContactInput,
  removeMyContactMeta,
} from '@parley/contracts/human/contacts/removeMyContact';
import {
  RemoveMyContactByIdInput,
  removeMyContactByIdMeta,
} from '@parley/contracts/human/contacts/removeMyContactById';
import { removeContact } from '@parley/core/contacts/removeContact';
import { humanProcedure } from '../../../trpc.js';

export const removeMyContact = humanProcedure
  .meta(removeMyContactMeta)
  .input(RemoveMyContactInput)
  .output(RemoveContactOutput)
  .mutation(async ({ ctx, input }) => ({ data: await removeContact(ctx.deps, ctx.identity, input) }));

/** `DELETE /me/contacts/{id}`: the changelog alias, by contact record id only. */
export const removeMyContactById = humanProcedure
  .meta(removeMyContactByIdMeta)
  .input(RemoveMyContactByIdInput)
  .output(RemoveContactOutput)
  .mutation(async ({ ctx, input }) => ({
    data: await removeContact(ctx.deps, ctx.identity, { contact_id: input.id }),
  }));
