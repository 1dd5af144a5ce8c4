import { findKeyByPrefix, touchKeyLastUsed } from '@parley/db/repositories/apiKeys';
import { AppError } from '../appError.js';
import type { CoreDeps } from '../deps.js';
import { keyMatchesHash, parseKey } from './apiKeys.js';
import type { Identity } from './identity.js';

const TOUCH_INTERVAL_MS = 60_000;
const lastTouched = new Map<string, number>();

/** Records `last_used_at` at most once a minute per key and process, off the request's path. */
function recordUse(deps: CoreDeps, keyId: string): void {
  const now = Date.now();
  if ((lastTouched.get(keyId) ?? 0) > now - TOUCH_INTERVAL_MS) return;
  if (lastTouched.size > 10_000) lastTouched.clear();
  lastTouched.set(keyId, now);
  touchKeyLastUsed(deps.db, keyId).catch(() => lastTouched.delete(keyId));
}

/**
 * Resolves a presented API key to an identity. Missing, malformed, unknown and revoked keys all
 * answer the same 401, so a caller learns nothing about which keys exist.
 */
export async function authenticate(deps: CoreDeps, presented: string | undefined): Promise<Identity> {
  // Built only when thrown: an error object captures a stack, too costly for every request.
  const unauthorized = () => new AppError('unauthorized', 'A valid API key is required');
  if (!presented) throw unauthorized();
  const parsed = parseKey(presented);
  if (!parsed) throw unauthorized();
  const row = await findKeyByPrefix(deps.db, parsed.prefix);
  if (!row || !keyMatchesHash(presented, row.secret_hash) || row.revoked_at !== null) throw unauthorized();
  recordUse(deps, row.id);
  if (row.kind === 'agent') {
    if (row.principal_kind !== 'Agent' || !row.owner_id) throw unauthorized();
    return {
      kind: 'agent',
      agentId: row.principal_id,
      ownerId: row.owner_id,
      organizationId: row.organization_id,
      handle: row.handle,
      keyId: row.id,
      profile: {
        id: row.principal_id,
        organization_id: row.agent_organization_id ?? row.organization_id,
        owner_id: row.owner_id,
        name: row.agent_name ?? '',
        handle: row.handle,
        description: row.agent_description ?? null,
        listed_in_directory: row.agent_listed_in_directory ?? false,
        tags: row.agent_tags ?? [],
        inserted_at: row.agent_inserted_at ?? '',
        updated_at: row.agent_updated_at ?? '',
      },
    };
  }
  return {
    kind: 'user',
    userId: row.principal_id,
    organizationId: row.organization_id,
    handle: row.handle,
    keyId: row.id,
  };
}
