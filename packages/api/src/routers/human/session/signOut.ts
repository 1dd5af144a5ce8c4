import { SignedOutOutput, SignOutInput } from '@parley/contracts/human/signIn';
import { signOut as endSessions } from '@parley/core/signIn/signOut';
import { humanProcedure } from '../../../trpc.js';

/** Ends this session (or, with `everywhere`, all of the user's sessions) and clears the cookie. */
export const signOut = humanProcedure
  .input(SignOutInput)
  .output(SignedOutOutput)
  .mutation(async ({ ctx, input }) => {
    await endSessions(ctx.deps, ctx.identity, input.everywhere ?? false);
    if (ctx.identity.sessionId) ctx.web?.setSessionCookie(null);
    return { data: { signed_out: true as const } };
  });
