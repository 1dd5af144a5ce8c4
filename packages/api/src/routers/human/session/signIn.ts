import { SessionOutput, SignInInput } from '@parley/contracts/human/signIn';
import { AppError } from '@parley/core/appError';
import { signInWithPassword } from '@parley/core/signIn/signInWithPassword';
import { publicProcedure } from '../../../trpc.js';
import { sessionAnswer } from './sessionAnswer.js';

/** Email + password → a session cookie. Browser only (needs the web context). */
export const signIn = publicProcedure
  .input(SignInInput)
  .output(SessionOutput)
  .mutation(async ({ ctx, input }) => {
    const web = ctx.web;
    if (!web) throw new AppError('bad_request', 'Sign in from the web app');
    // A page elsewhere must not sign the browser into an account of its choosing.
    if (web.origin && web.origin !== web.ownOrigin) throw new AppError('forbidden', 'Cross-site request refused');
    const session = await signInWithPassword(ctx.deps, { email: input.email, password: input.password, ip: web.ip });
    web.setSessionCookie(session);
    return sessionAnswer(ctx.deps, session);
  });
