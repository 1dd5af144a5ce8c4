import type { PrincipalKind } from '@parley/db/tables/principals';
import type { CoreDeps } from '../deps.js';
import { findContactTarget } from './findContactTarget.js';

/**
 * What a handle names, for confirmation before a contact request: handle, display name and kind
 * only. The id and the email are withheld on purpose (they are shown to established contacts).
 */
export async function resolveContactHandle(
  deps: CoreDeps,
  rawHandle: string,
): Promise<{ handle: string; name: string; type: PrincipalKind }> {
  const party = await findContactTarget(deps, rawHandle);
  return { handle: party.handle, name: party.name, type: party.kind };
}
