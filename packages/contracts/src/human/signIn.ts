import { z } from 'zod';
import { UserDetails } from '../objects/userDetails.js';

/**
 * Sign-in for people in the web app (native tRPC only, `human.session.*`): the session travels in
 * an httpOnly cookie, which a REST client has no use for; REST callers use API keys.
 */
export const SignInInput = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(256),
});
export const RedeemSignInLinkInput = z.strictObject({ token: z.string().min(1).max(200) });
export const SignOutInput = z.strictObject({ everywhere: z.boolean().optional() });
export const ChangePasswordInput = z.strictObject({
  current_password: z.string().max(256).optional(),
  new_password: z.string().max(256),
});

export const SessionInfo = z.object({
  user: UserDetails,
  /** How this request was authenticated. */
  via: z.enum(['session', 'api_key']),
  /** When the browser session ends; null for an API key. */
  expires_at: z.string().nullable(),
});
export const SessionOutput = z.object({ data: SessionInfo });
export const SignedOutOutput = z.object({ data: z.object({ signed_out: z.literal(true) }) });
export const PasswordChangedOutput = z.object({ data: z.object({ password_changed: z.literal(true) }) });
