import { isUniqueViolation } from '@parley/db/errors';
import { findAgentById, insertAgent, slugsLike } from '@parley/db/repositories/agents';
import { insertApiKey } from '@parley/db/repositories/apiKeys';
import { insertPrincipal } from '@parley/db/repositories/principals';
import { AppError } from '../appError.js';
import { issueKey } from '../auth/apiKeys.js';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { slugify } from '../handles/handles.js';
import { reserveQuota } from '../quota/reserveQuota.js';

/** The first free slug: `base`, then `base-2`, `base-3`, … */
function nextFreeSlug(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Registers an external agent owned by the caller, with its API key, in one transaction that also
 * reserves one unit of the organization's agent quota. The slug comes from the name and is unique
 * per owner; the handle is `owner_handle/slug`.
 */
export async function registerAgent(
  deps: CoreDeps,
  identity: UserIdentity,
  input: { name: string; description: string },
) {
  const base = slugify(input.name);
  // Two concurrent registrations with one name can race for a slug: retry once with a fresh look.
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.db.transaction().execute(async (trx) => {
        await reserveQuota(trx, deps.defaultLimits, { organizationId: identity.organizationId, resource: 'agents' });
        const slug = nextFreeSlug(base, await slugsLike(trx, identity.userId, base));
        const principal = await insertPrincipal(trx, {
          kind: 'Agent',
          organization_id: identity.organizationId,
          handle: `${identity.handle}/${slug}`,
        });
        await insertAgent(trx, {
          id: principal.id,
          organization_id: identity.organizationId,
          owner_id: identity.userId,
          name: input.name,
          slug,
          description: input.description || null,
        });
        const issued = issueKey('agent');
        await insertApiKey(trx, {
          organization_id: identity.organizationId,
          principal_id: principal.id,
          kind: 'agent',
          prefix: issued.prefix,
          secret_hash: issued.hash,
        });
        const agent = await findAgentById(trx, principal.id);
        if (!agent) throw new Error('agent vanished after insert');
        return { agent, apiKey: issued.key };
      });
    } catch (error) {
      if (isUniqueViolation(error) && attempt < 3) continue;
      if (isUniqueViolation(error)) throw new AppError('conflict', 'Could not pick a free slug; try again');
      throw error;
    }
  }
}
