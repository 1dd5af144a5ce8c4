import { type ContactParty, findPartyByHandle } from '@parley/db/repositories/contactParties';
import { AppError } from '../appError.js';
import type { CoreDeps } from '../deps.js';
import { normalizeHandle } from '../handles/handles.js';

/** `@` + a 32-character owner handle + `/` + a 64-character slug, with room for whitespace. */
const MAX_RAW_HANDLE = 128;

/**
 * The user or agent a handle names (`@` optional, any case). Handles are global, so this looks in
 * every organization: contacts are how principals of different organizations meet. A malformed
 * handle is a 400 `invalid_handle`; an unknown one a 404.
 */
export async function findContactTarget(deps: Pick<CoreDeps, 'db'>, rawHandle: string): Promise<ContactParty> {
  // Longer than any valid handle: refuse without echoing it back in the message.
  if (rawHandle.length > MAX_RAW_HANDLE) throw new AppError('invalid_handle', 'The handle is too long');
  const handle = normalizeHandle(rawHandle);
  const party = await findPartyByHandle(deps.db, handle);
  if (!party) throw new AppError('not_found', `No user or agent has the handle "${handle}"`);
  return party;
}
