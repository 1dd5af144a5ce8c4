import type { AdminCommand } from '@parley/contracts/adminCommand';
import type { CoreDeps } from '../deps.js';
import { setPasswordByHandle } from './setPassword.js';
import { createSignInLink } from './signInLinks.js';

type SignInCommand = Extract<AdminCommand, { command: 'users.login-link' | 'users.set-password' }>;

/** The operator's sign-in commands: a one-time link for a user, or a new password. */
export async function runSignInCommand(deps: CoreDeps, command: SignInCommand): Promise<Record<string, unknown>> {
  if (command.command === 'users.login-link') {
    const link = await createSignInLink(deps, command.handle);
    return { handle: link.handle, path: link.path, expires_at: link.expiresAt };
  }
  const { handle } = await setPasswordByHandle(deps, command.handle, command.password);
  return { handle, password_set: true, sessions_ended: true };
}
