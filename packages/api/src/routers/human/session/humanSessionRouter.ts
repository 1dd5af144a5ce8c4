import { router } from '../../../trpc.js';
import { changePassword } from './changePassword.js';
import { getSession } from './getSession.js';
import { redeemSignInLink } from './redeemSignInLink.js';
import { signIn } from './signIn.js';
import { signOut } from './signOut.js';

/** Sign-in for the web app: password or one-time link → an httpOnly session cookie. tRPC only. */
export const humanSessionRouter = router({
  signIn,
  redeemLink: redeemSignInLink,
  current: getSession,
  signOut,
  changePassword,
});
