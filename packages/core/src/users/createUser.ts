import { isUniqueViolation } from '@parley/db/errors';
import { insertApiKey } from '@parley/db/repositories/apiKeys';
import { insertPrincipal } from '@parley/db/repositories/principals';
import { findUserById, insertUser } from '@parley/db/repositories/users';
import { AppError } from '../appError.js';
import { issueKey } from '../auth/apiKeys.js';
import type { CoreDeps } from '../deps.js';
import { assertUserHandle } from '../handles/handles.js';
import { transact } from '../idempotency/transact.js';
import { ensureOrganization } from '../organizations/ensureOrganization.js';

export interface CreateUserInput {
  org: string;
  handle: string;
  email: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
  role?: 'user' | 'admin';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Creates a user (and its organization when new) with a fresh API key, in one transaction.
 * The key is returned once; only its hash is stored. Used by the CLI and the first-start seed.
 */
export async function createUser(deps: CoreDeps, input: CreateUserInput) {
  const handle = assertUserHandle(input.handle);
  const email = input.email.trim();
  if (!EMAIL.test(email)) {
    throw new AppError('validation_error', 'Invalid email address', { '/email': ['is not a valid email'] });
  }
  try {
    return await transact(deps, async (trx) => {
      const { organization } = await ensureOrganization(trx, input.org);
      const principal = await insertPrincipal(trx, { kind: 'User', organization_id: organization.id, handle });
      await insertUser(trx, {
        id: principal.id,
        organization_id: organization.id,
        email,
        first_name: input.firstName?.trim() || null,
        last_name: input.lastName?.trim() || null,
        role: input.role ?? 'user',
      });
      const issued = issueKey('user');
      await insertApiKey(trx, {
        organization_id: organization.id,
        principal_id: principal.id,
        kind: 'user',
        prefix: issued.prefix,
        secret_hash: issued.hash,
      });
      const user = await findUserById(trx, principal.id);
      if (!user) throw new Error('user vanished after insert');
      return { user, organization, apiKey: issued.key, keyPrefix: issued.prefix };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'principals_handle_key')) {
      throw new AppError('conflict', `The handle "${handle}" is taken`);
    }
    if (isUniqueViolation(error, 'users_email_key')) {
      throw new AppError('conflict', `A user with the email "${email}" exists`);
    }
    throw error;
  }
}
