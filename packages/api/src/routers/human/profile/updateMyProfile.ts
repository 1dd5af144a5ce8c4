import {
  UpdateMyProfileInput,
  UpdateMyProfileOutput,
  updateMyProfileMeta,
} from '@parley/contracts/human/updateMyProfile';
import { updateMyProfile as updateProfile } from '@parley/core/users/updateMyProfile';
import { toUserDetails } from '../../../shape/userDetails.js';
import { humanProcedure } from '../../../trpc.js';

export const updateMyProfile = humanProcedure
  .meta(updateMyProfileMeta)
  .input(UpdateMyProfileInput)
  .output(UpdateMyProfileOutput)
  .mutation(async ({ ctx, input }) => ({
    data: toUserDetails(await updateProfile(ctx.deps, ctx.identity, input.user)),
  }));
