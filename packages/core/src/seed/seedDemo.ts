import type { CoreDeps } from '../deps.js';
import { createUser } from '../users/createUser.js';

/**
 * On the first start of an empty database: a `demo` organization with a user `demo`, so a
 * newcomer can call the API at once. Returns the user's key (shown once), or undefined when the
 * database already has an organization.
 */
export async function seedDemo(deps: CoreDeps): Promise<{ handle: string; apiKey: string } | undefined> {
  const any = await deps.db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  if (any) return undefined;
  const { user, apiKey } = await createUser(deps, {
    org: 'demo',
    handle: 'demo',
    email: 'demo@parley.local',
    firstName: 'Demo',
    lastName: 'User',
    role: 'admin',
  });
  return { handle: user.handle, apiKey };
}
