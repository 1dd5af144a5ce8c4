import { GetMyProfileInput, GetMyProfileOutput, getMyProfileMeta } from '@parley/contracts/human/getMyProfile';
import { getMyProfile as getProfile } from '@parley/core/users/getMyProfile';
import { toUserDetails } from '../../../shape/userDetails.js';
import { humanProcedure } from '../../../trpc.js';

export const getMyProfile = humanProcedure
  .meta(getMyProfileMeta)
  .input(GetMyProfileInput)
  .output(GetMyProfileOutput)
  .query(async ({ ctx }) => ({ data: toUserDetails(await getProfile(ctx.deps, ctx.identity)) }));
