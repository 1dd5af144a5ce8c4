import type { AdminCommand } from '@parley/contracts/adminCommand';
import type { CoreDeps } from '../deps.js';
import { revokeKey } from '../keys/revokeKey.js';
import { setOrganizationLimits } from '../organizations/setOrganizationLimits.js';
import { runSignInCommand } from '../signIn/signInCommands.js';
import { createUser } from '../users/createUser.js';

/** A command's result as plain JSON, the same whether the CLI ran it or a server did. */
export type AdminResult = Record<string, unknown>;

/** Runs one operator command (see AdminCommand). `migrate` is given by the caller, who owns the schema. */
export async function runAdminCommand(
  deps: CoreDeps,
  command: AdminCommand,
  migrate: () => Promise<string[]>,
): Promise<AdminResult> {
  switch (command.command) {
    case 'users.create': {
      const { user, organization, apiKey, keyPrefix } = await createUser(deps, {
        org: command.org,
        handle: command.handle,
        email: command.email,
        firstName: command.first_name,
        lastName: command.last_name,
      });
      return {
        user: {
          id: user.id,
          handle: user.handle,
          email: user.email,
          first_name: user.first_name,
          last_name: user.last_name,
          role: user.role,
        },
        organization: { id: organization.id, slug: organization.slug },
        api_key: apiKey,
        key_prefix: keyPrefix,
      };
    }
    case 'orgs.set-limits': {
      const { command: _, org, ...limits } = command;
      const updated = await setOrganizationLimits(deps, { org, limits });
      return {
        organization: { id: updated.id, slug: updated.slug },
        limits: {
          agents: updated.limit_agents,
          chats: updated.limit_chats,
          participants: updated.limit_participants,
          messages: updated.limit_messages,
        },
      };
    }
    case 'keys.revoke': {
      const revoked = await revokeKey(deps, command.prefix);
      return { revoked: { prefix: revoked.prefix, kind: revoked.kind, revoked_at: revoked.revoked_at } };
    }
    case 'migrate':
      return { applied: await migrate() };
    case 'users.login-link':
    case 'users.set-password':
      return runSignInCommand(deps, command);
  }
}
