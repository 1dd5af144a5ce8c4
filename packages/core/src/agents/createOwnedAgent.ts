import type { Executor } from '@parley/db/database';
import { isUniqueViolation } from '@parley/db/errors';
import { type AgentRow, findAgentById, insertAgent, slugsLike } from '@parley/db/repositories/agents';
import { insertPrincipal } from '@parley/db/repositories/principals';
import { AppError } from '../appError.js';
import type { UserIdentity } from '../auth/identity.js';
import type { CoreDeps } from '../deps.js';
import { slugify } from '../handles/handles.js';
import { transact } from '../idempotency/transact.js';
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
 * Creates an agent owned by the caller in one transaction that also reserves one unit of the
 * organization's agent quota, then lets `complete` add what its kind needs (an external agent's
 * key, a platform agent's settings) in the same transaction. The slug comes from the name and is
 * unique per owner; the handle is `owner_handle/slug`.
 */
export async function createOwnedAgent<T>(
  deps: CoreDeps,
  identity: UserIdentity,
  input: { name: string; description: string; isExternal: boolean; modelType: string | null },
  complete: (trx: Executor, agent: AgentRow) => Promise<T>,
): Promise<{ agent: AgentRow; extra: T }> {
  const base = slugify(input.name);
  // Two concurrent creations with one name can race for a slug: retry with a fresh look.
  for (let attempt = 1; ; attempt++) {
    try {
      return await transact(deps, async (trx) => {
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
          is_external: input.isExternal,
          model_type: input.modelType,
        });
        const agent = await findAgentById(trx, principal.id);
        if (!agent) throw new Error('agent vanished after insert');
        const extra = await complete(trx, agent);
        return { agent: (await findAgentById(trx, principal.id)) ?? agent, extra };
      });
    } catch (error) {
      if (isUniqueViolation(error) && attempt < 3) continue;
      if (isUniqueViolation(error)) throw new AppError('conflict', 'Could not pick a free slug; try again');
      throw error;
    }
  }
}
