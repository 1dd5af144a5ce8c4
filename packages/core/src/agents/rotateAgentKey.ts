import { insertApiKey, revokeKeysOfPrincipal } from '@parley/db/repositories/apiKeys';
import { notifyCredentialsChanged } from '@parley/db/repositories/credentialNotices';
import { AppError } from '../appError.js';
import { issueKey } from '../auth/apiKeys.js';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { transact } from '../idempotency/transact.js';
import { lockOwnedAgent } from './lockOwnedAgent.js';

/**
 * Gives one of the caller's agents a new API key and revokes every key it had, in one
 * transaction: from the commit on the old key answers 401 and only the new one works. The new
 * key is returned once; only its hash is stored. A platform agent has no key to rotate (409).
 */
export async function rotateAgentKey(deps: CoreDeps, identity: UserIdentity, input: { agentId: string }) {
  return transact(deps, async (trx) => {
    const agent = await lockOwnedAgent(trx, identity, input.agentId);
    if (!agent.is_external) {
      throw new AppError('agent_has_no_key', 'This is a platform agent: Parley runs it itself, so it has no API key');
    }
    await revokeKeysOfPrincipal(trx, agent.id);
    await notifyCredentialsChanged(trx, [agent.id]); // at commit: streams on the old key end
    const issued = issueKey('agent');
    await insertApiKey(trx, {
      organization_id: agent.organization_id,
      principal_id: agent.id,
      kind: 'agent',
      prefix: issued.prefix,
      secret_hash: issued.hash,
    });
    return { agent, apiKey: issued.key };
  });
}
