import { RedeemSignInLinkInput, SessionOutput } from '@parley/contracts/human/signIn';
import { AppError } from '@parley/core/appError';
import { redeemSignInLink as redeem } from '@parley/core/signIn/signInLinks';
import { publicProcedure } from '../../../trpc.js';
import { sessionAnswer } from './sessionAnswer.js';

/** A one-time sign-in link's token → a session cookie; the link is used up. */
export const redeemSignInLink = publicProcedure
  .input(RedeemSignInLinkInput)
  .output(SessionOutput)
  .mutation(async ({ ctx, input }) => {
    const web = ctx.web;
    if (!web) throw new AppError('bad_request', 'Sign in from the web app');
    if (web.origin && web.origin !== web.ownOrigin) throw new AppError('forbidden', 'Cross-site request refused');
    const session = await redeem(ctx.deps, input.token);
    web.setSessionCookie(session);
    return sessionAnswer(ctx.deps, session);
  });
