import type { Executor } from '@parley/db/database';
import { findOrganizationBySlug } from '@parley/db/repositories/organizations';
import { AppError } from '../appError.js';

const ORG_SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** The organization with this slug, created (named after the slug) when it does not exist yet. */
export async function ensureOrganization(db: Executor, slug: string) {
  if (!ORG_SLUG.test(slug)) {
    throw new AppError('validation_error', 'An organization slug is 2–63 lowercase letters, digits or "-"', {
      '/org': ['is not a valid organization slug'],
    });
  }
  const existing = await findOrganizationBySlug(db, slug);
  if (existing) return { organization: existing, created: false };
  await db
    .insertInto('organizations')
    .values({ slug, name: slug })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
  const organization = await findOrganizationBySlug(db, slug);
  if (!organization) throw new Error('organization vanished after insert');
  return { organization, created: true };
}
