import { findOrganizationBySlug, updateOrganizationLimits } from '@parley/db/repositories/organizations';
import { AppError } from '../appError.js';
import type { CoreDeps } from '../deps.js';

export interface LimitsPatch {
  agents?: number | null;
  chats?: number | null;
  participants?: number | null;
  messages?: number | null;
}

/** Sets an organization's plan limits; null returns a limit to the server default. */
export async function setOrganizationLimits(deps: CoreDeps, input: { org: string; limits: LimitsPatch }) {
  const org = await findOrganizationBySlug(deps.db, input.org);
  if (!org) throw new AppError('not_found', `No organization "${input.org}"`);
  const patch: Record<string, number | null> = {};
  for (const [resource, value] of Object.entries(input.limits)) {
    if (value === undefined) continue;
    if (value !== null && (!Number.isInteger(value) || value < 0)) {
      throw new AppError('validation_error', `${resource} must be a whole number ≥ 0`, {
        [`/${resource}`]: ['must be a whole number ≥ 0'],
      });
    }
    patch[`limit_${resource}`] = value;
  }
  return updateOrganizationLimits(deps.db, org.id, patch);
}
