import { SessionOutput } from '@parley/contracts/human/signIn';
import { getMyProfile } from '@parley/core/users/getMyProfile';
import { z } from 'zod';
import { toUserDetails } from '../../../shape/userDetails.js';
import { humanProcedure } from '../../../trpc.js';

/** Who is signed in (401 when nobody): the web app's first call. */
export const getSession = humanProcedure
  .input(z.strictObject({}).optional())
  .output(SessionOutput)
  .query(async ({ ctx }) => ({
    data: {
      user: toUserDetails(await getMyProfile(ctx.deps, ctx.identity)),
      via: ctx.identity.sessionId ? ('session' as const) : ('api_key' as const),
      expires_at: ctx.identity.sessionExpiresAt ?? null,
    },
  }));
