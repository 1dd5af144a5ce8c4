import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { PrincipalKind } from '../tables/principals.js';

/** Who is adding someone to a room, as far as the eligibility rules care. */
export type AddingCaller =
  | { kind: 'user'; userId: string; organizationId: string }
  | { kind: 'agent'; agentId: string; ownerId: string; organizationId: string };

/**
 * The principal `candidateId` if `caller` may add it to a room (docs/participants.md), else undefined.
 * A user may add users of its organization, its own agents, the organization's shared or
 * directory-listed agents, and its contacts. An agent may add its owner, its siblings (agents of
 * the same owner), the organization's shared or directory-listed agents, and its contacts.
 * One statement; contacts are looked up through their unique `(owner_id, contact_id)` index.
 */
export async function findAddableCandidate(
  db: Executor,
  caller: AddingCaller,
  candidateId: string,
): Promise<{ id: string; kind: PrincipalKind } | undefined> {
  const callerId = caller.kind === 'user' ? caller.userId : caller.agentId;
  const agentOwner = caller.kind === 'user' ? caller.userId : caller.ownerId;
  const userRule =
    caller.kind === 'user'
      ? sql<boolean>`users.organization_id = ${caller.organizationId}`
      : sql<boolean>`users.id = ${caller.ownerId}`;
  return db
    .selectFrom('principals')
    .leftJoin('users', 'users.id', 'principals.id')
    .leftJoin('agents', 'agents.id', 'principals.id')
    .select(['principals.id', 'principals.kind'])
    .where('principals.id', '=', candidateId)
    .where(
      sql<boolean>`(
        (users.id IS NOT NULL AND ${userRule})
        OR (agents.id IS NOT NULL AND (
          agents.owner_id = ${agentOwner}
          OR (agents.organization_id = ${caller.organizationId}
              AND (agents.listed_in_directory OR agents.shared_with_organization))
        ))
        OR EXISTS (SELECT 1 FROM contacts WHERE contacts.owner_id = ${callerId} AND contacts.contact_id = principals.id)
      )`,
    )
    .executeTakeFirst();
}
