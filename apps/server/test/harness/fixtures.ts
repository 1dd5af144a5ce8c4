import { randomBytes } from 'node:crypto';
import type { CoreDeps } from '@parley/core/deps';
import { createUser } from '@parley/core/users/createUser';

let counter = 0;

/** A unique handle per call, so fixtures never collide inside a file. */
export function uniqueHandle(prefix = 'user'): string {
  counter += 1;
  return `${prefix}${counter}-${randomBytes(3).toString('hex')}`;
}

/** A user (and its organization) made through the domain, with its key. */
export async function makeUser(deps: CoreDeps, options: { org?: string; handle?: string; firstName?: string } = {}) {
  const handle = options.handle ?? uniqueHandle();
  const { user, organization, apiKey, keyPrefix } = await createUser(deps, {
    org: options.org ?? `org-${randomBytes(4).toString('hex')}`,
    handle,
    email: `${handle}@example.test`,
    firstName: options.firstName,
  });
  return { user, organization, apiKey, keyPrefix };
}
