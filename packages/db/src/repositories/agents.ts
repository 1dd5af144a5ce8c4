import { type SelectQueryBuilder, sql } from 'kysely';
import type { DB, Executor } from '../database.js';

export const agentColumns = [
  'agents.id',
  'agents.organization_id',
  'agents.owner_id',
  'agents.name',
  'agents.slug',
  'agents.description',
  'agents.is_external',
  'agents.listed_in_directory',
  'agents.shared_with_organization',
  'agents.registry_access',
  'agents.model_type',
  'agents.tags',
  'agents.inserted_at',
  'agents.updated_at',
  'principals.handle',
] as const;

function selectAgents(db: Executor) {
  return db.selectFrom('agents').innerJoin('principals', 'principals.id', 'agents.id').select(agentColumns);
}

export function findAgentById(db: Executor, id: string) {
  return selectAgents(db).where('agents.id', '=', id).executeTakeFirst();
}

export type AgentRow = NonNullable<Awaited<ReturnType<typeof findAgentById>>>;

export async function insertAgent(
  db: Executor,
  values: {
    id: string;
    organization_id: string;
    owner_id: string;
    name: string;
    slug: string;
    description: string | null;
    /** False for a platform agent (one Parley runs itself). Default true. */
    is_external?: boolean;
    model_type?: string | null;
  },
) {
  await db.insertInto('agents').values(values).execute();
}

/** Slugs of an owner's agents that start with `base` (to pick the next free one). */
export async function slugsLike(db: Executor, ownerId: string, base: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('agents')
    .select('slug')
    .where('owner_id', '=', ownerId)
    .where('slug', 'like', `${base.replace(/[\\%_]/g, '\\$&')}%`)
    .execute();
  return new Set(rows.map((r) => r.slug));
}

export interface AgentListFilters {
  ownerId: string;
  name?: string | undefined;
  isExternal?: boolean | undefined;
  listedInDirectory?: boolean | undefined;
}

export type AgentSortField = 'name' | 'inserted_at' | 'updated_at';

function filtered<O>(query: SelectQueryBuilder<DB, 'agents' | 'principals', O>, f: AgentListFilters) {
  let q = query.where('agents.owner_id', '=', f.ownerId);
  if (f.name) q = q.where('agents.name', 'ilike', `%${f.name.replace(/[\\%_]/g, '\\$&')}%`);
  if (f.isExternal !== undefined) q = q.where('agents.is_external', '=', f.isExternal);
  if (f.listedInDirectory !== undefined) q = q.where('agents.listed_in_directory', '=', f.listedInDirectory);
  return q;
}

export async function countAgents(db: Executor, f: AgentListFilters): Promise<number> {
  const base = db.selectFrom('agents').innerJoin('principals', 'principals.id', 'agents.id');
  const row = await filtered(base, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * What a sort orders by. Names sort case-insensitively and by code point (`COLLATE "C"`), so the
 * order is the same on every database whatever its default collation.
 */
export function sortExpression(sort: AgentSortField) {
  return sort === 'name' ? sql`(lower(agents.name) collate "C")` : sql.ref(`agents.${sort}`);
}

/** The keyset value of a row for a sort (what a cursor carries). */
export function sortValue(row: { name: string; inserted_at: string; updated_at: string }, sort: AgentSortField) {
  return sort === 'name' ? row.name.toLowerCase() : row[sort];
}

/**
 * One page of an owner's agents, ordered by (sort, id). `after` is the keyset position of the
 * previous page's last row (cursor style); `offset` serves the page style.
 */
export function listAgents(
  db: Executor,
  f: AgentListFilters,
  page: {
    sort: AgentSortField;
    order: 'asc' | 'desc';
    limit: number;
    offset?: number;
    after?: { value: string; id: string } | undefined;
  },
) {
  let q = filtered(selectAgents(db), f);
  const column = sortExpression(page.sort);
  if (page.after) {
    const cmp = page.order === 'asc' ? sql`>` : sql`<`;
    q = q.where(sql<boolean>`(${column}, agents.id) ${cmp} (${page.after.value}, ${page.after.id}::uuid)`);
  }
  q = q.orderBy(sql`${column} ${sql.raw(page.order)}`).orderBy('agents.id', page.order);
  if (page.offset) q = q.offset(page.offset);
  return q.limit(page.limit).execute();
}

/**
 * The agent `id` if `ownerId` owns it, its agent and principal rows locked until the transaction
 * ends. The lock serializes deletion and key rotation of one agent, and holds off rows that would
 * reference it (a foreign-key insert needs a share lock on the referenced row), so what a
 * deletion counts is what it deletes.
 */
export function lockOwnedAgent(db: Executor, ownerId: string, id: string) {
  return selectAgents(db)
    .where('agents.id', '=', id)
    .where('agents.owner_id', '=', ownerId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Deletes an agent through its principal. The schema's foreign keys do the rest: its keys, room
 * memberships, contacts, contact requests, deliveries and memories go with it; messages it sent
 * stay in their rooms with `sender_id` null.
 */
export async function deleteAgentPrincipal(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('principals').where('id', '=', id).where('kind', '=', 'Agent').executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Sets what is given of an agent's directory flags and tags (a Parley extension). */
export async function updateAgentDirectory(
  db: Executor,
  id: string,
  values: { listed_in_directory?: boolean; shared_with_organization?: boolean; tags?: string[] },
): Promise<void> {
  await db
    .updateTable('agents')
    .set({ ...values, updated_at: sql<string>`now()` })
    .where('id', '=', id)
    .execute();
}
