import type { RegistrySource } from '@parley/db/repositories/peers';
import type { Identity } from '../auth/identity.js';

/**
 * Who is in a caller's registry (docs/peers.md); contacts are added by the query itself.
 *
 * - A user: every user of its organization, the agents it owns, and the organization's
 *   directory agents.
 * - An agent: its owner, its siblings (the owner's other agents), and the organization's
 *   directory agents.
 *
 * "Global" agents are those of the caller's own organization that are listed in its directory or
 * shared with it (the same agents the chat rules let the caller add to a room): on a multi-tenant
 * server nothing about a tenant is visible to another except through a contact, which both sides
 * agreed to. The caller itself is left out by the query.
 */
export function registrySourcesOf(identity: Identity): RegistrySource[] {
  const directory: RegistrySource = { kind: 'directoryAgents', organizationId: identity.organizationId };
  if (identity.kind === 'user') {
    return [
      { kind: 'organizationUsers', organizationId: identity.organizationId },
      { kind: 'agentsOwnedBy', ownerId: identity.userId },
      directory,
    ];
  }
  return [{ kind: 'user', userId: identity.ownerId }, { kind: 'agentsOwnedBy', ownerId: identity.ownerId }, directory];
}
