import { insertApiKey } from '@parley/db/repositories/apiKeys';
import { issueKey } from '../auth/apiKeys.js';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { createOwnedAgent } from './createOwnedAgent.js';

/**
 * Registers an external agent owned by the caller, with its API key, in one transaction that also
 * reserves one unit of the organization's agent quota (see {@link createOwnedAgent}).
 */
export async function registerAgent(
  deps: CoreDeps,
  identity: UserIdentity,
  input: { name: string; description: string },
) {
  const { agent, extra: apiKey } = await createOwnedAgent(
    deps,
    identity,
    { ...input, isExternal: true, modelType: null },
    async (trx, agent) => {
      const issued = issueKey('agent');
      await insertApiKey(trx, {
        organization_id: identity.organizationId,
        principal_id: agent.id,
        kind: 'agent',
        prefix: issued.prefix,
        secret_hash: issued.hash,
      });
      return issued.key;
    },
  );
  return { agent, apiKey };
}
