import type { Executor } from '@parley/db/database';
import { findOrganizationById } from '@parley/db/repositories/organizations';
import { currentUsage, decrementUsage, incrementUsage } from '@parley/db/repositories/quotaUsage';
import type { QuotaResource } from '@parley/db/tables/quotaUsage';
import { AppError } from '../appError.js';
import type { PlanLimits } from '../deps.js';

const LIMIT_COLUMN = {
  agents: 'limit_agents',
  chats: 'limit_chats',
  participants: 'limit_participants',
  messages: 'limit_messages',
} as const;

/**
 * Checks a plan quota and reserves one unit of it, inside the caller's write transaction: if the
 * transaction rolls back, so does the reservation. Agents and chats are counted per organization,
 * participants and messages per room (`scopeId`). Throws 403 `limit_reached` with
 * `{resource, limit, current}` when the organization's limit (or the server default) is used up.
 */
export async function reserveQuota(
  trx: Executor,
  defaults: PlanLimits,
  request: { organizationId: string; resource: QuotaResource; scopeId?: string },
): Promise<void> {
  const org = await findOrganizationById(trx, request.organizationId);
  if (!org) throw new AppError('not_found', 'Organization not found');
  const limit = org[LIMIT_COLUMN[request.resource]] ?? defaults[request.resource];
  const scopeId = request.scopeId ?? request.organizationId;
  const used = await incrementUsage(trx, scopeId, request.resource, limit);
  if (used === null) {
    const current = await currentUsage(trx, scopeId, request.resource);
    throw new AppError('limit_reached', `Your plan allows ${limit} ${request.resource}`, {
      resource: request.resource,
      limit,
      current,
    });
  }
}

/**
 * The room message limit of an organization (null: none), for a send that reserves its quota in
 * its own statement (`insertSentMessage`). Read before the write, outside any lock.
 */
export async function messageLimit(
  deps: { db: Executor; defaultLimits: PlanLimits },
  organizationId: string,
): Promise<number | null> {
  const org = await findOrganizationById(deps.db, organizationId);
  if (!org) throw new AppError('not_found', 'Organization not found');
  return org.limit_messages ?? deps.defaultLimits.messages;
}

/** Gives back units of a quota when the things they counted are deleted. */
export async function releaseQuota(
  trx: Executor,
  request: { resource: QuotaResource; scopeId: string; count?: number },
): Promise<void> {
  await decrementUsage(trx, request.scopeId, request.resource, request.count ?? 1);
}
