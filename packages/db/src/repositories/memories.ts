import { type ExpressionBuilder, type Insertable, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { DB, Executor } from '../database.js';
import type { MemoriesTable } from '../tables/memories.js';

export type MemoryRow = Selectable<MemoriesTable>;
export type MemoryStatusValue = MemoriesTable['status'];

export function insertMemory(db: Executor, values: Insertable<MemoriesTable>): Promise<MemoryRow> {
  return db.insertInto('memories').values(values).returningAll().executeTakeFirstOrThrow();
}

/** One memory of an organization; another organization's is never found. */
export function findMemoryInOrganization(
  db: Executor,
  organizationId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<MemoryRow | undefined> {
  let q = db.selectFrom('memories').selectAll().where('id', '=', id).where('organization_id', '=', organizationId);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function updateMemoryStatus(db: Executor, id: string, status: MemoryStatusValue): Promise<MemoryRow> {
  return db
    .updateTable('memories')
    .set({ status, updated_at: sql<string>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteMemory(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('memories').where('id', '=', id).execute();
}

/** The kind of a user or agent of the organization, or undefined (unknown or foreign alike). */
export async function findPrincipalKindInOrganization(
  db: Executor,
  organizationId: string,
  id: string,
): Promise<'User' | 'Agent' | undefined> {
  const row = await db
    .selectFrom('principals')
    .select('kind')
    .where('id', '=', id)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return row?.kind;
}

/** Which of `ids` are memories of the organization. */
export async function memoryIdsInOrganization(db: Executor, organizationId: string, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('memories')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * One way a memory becomes visible to a caller; a list shows the union of its branches:
 * - `about`: its subject is `subjectId` (only subject-scoped ones when `scope` is given);
 * - `organization_scope`: it is organization-scoped;
 * - `rooms_of`: it was stored in a room `participantId` takes part in.
 */
export type MemoryBranch =
  | { kind: 'about'; subjectId: string; scope?: 'subject' }
  | { kind: 'organization_scope' }
  | { kind: 'rooms_of'; participantId: string };

export interface MemoryFilters {
  /** Always applied: nothing crosses an organization, whatever the branches say. */
  organizationId: string;
  branches: MemoryBranch[];
  /** Only memories stored in this room, and only if `participantId` takes part in it. */
  room?: { id: string; participantId: string } | undefined;
  status?: MemoryStatusValue | undefined;
  system?: MemoriesTable['system'] | undefined;
  type?: MemoriesTable['type'] | undefined;
  segment?: MemoriesTable['segment'] | undefined;
  contentQuery?: string | undefined;
}

type MemoryEb = ExpressionBuilder<DB, 'memories'>;

function roomsOf(eb: MemoryEb, participantId: string) {
  return eb
    .selectFrom('chat_participants')
    .select('chat_participants.chat_room_id')
    .where('chat_participants.participant_id', '=', participantId);
}

function branchPredicate(eb: MemoryEb, branch: MemoryBranch) {
  switch (branch.kind) {
    case 'about':
      return branch.scope
        ? eb.and([eb('memories.subject_id', '=', branch.subjectId), eb('memories.scope', '=', branch.scope)])
        : eb('memories.subject_id', '=', branch.subjectId);
    case 'organization_scope':
      return eb('memories.scope', '=', 'organization');
    case 'rooms_of':
      return eb('memories.chat_room_id', 'in', roomsOf(eb, branch.participantId));
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

function filtered<O>(query: SelectQueryBuilder<DB, 'memories', O>, f: MemoryFilters) {
  let q = query.where('memories.organization_id', '=', f.organizationId);
  if (f.status) q = q.where('memories.status', '=', f.status);
  if (f.system) q = q.where('memories.system', '=', f.system);
  if (f.type) q = q.where('memories.type', '=', f.type);
  if (f.segment) q = q.where('memories.segment', '=', f.segment);
  if (f.contentQuery) q = q.where('memories.content', 'ilike', `%${escapeLike(f.contentQuery)}%`);
  const room = f.room;
  if (room) {
    q = q
      .where('memories.chat_room_id', '=', room.id)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('chat_participants')
            .select(sql.lit(1).as('one'))
            .where('chat_participants.chat_room_id', '=', room.id)
            .where('chat_participants.participant_id', '=', room.participantId),
        ),
      );
  }
  return q;
}

/** A memory visible through at least one branch (a user's single-memory reads). */
export function findVisibleMemory(db: Executor, f: MemoryFilters, id: string): Promise<MemoryRow | undefined> {
  if (f.branches.length === 0) return Promise.resolve(undefined);
  return filtered(db.selectFrom('memories').selectAll(), f)
    .where('memories.id', '=', id)
    .where((eb) => eb.or(f.branches.map((b) => branchPredicate(eb, b))))
    .executeTakeFirst();
}

export async function countMemories(db: Executor, f: MemoryFilters): Promise<number> {
  if (f.branches.length === 0) return 0;
  const row = await filtered(db.selectFrom('memories'), f)
    .where((eb) => eb.or(f.branches.map((b) => branchPredicate(eb, b))))
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface MemoryPage {
  limit: number;
  offset?: number | undefined;
  /** Keyset position of the previous page's last row (newest first). */
  after?: { insertedAt: string; id: string } | undefined;
}

/**
 * One page, newest first, by (inserted_at, id). Each branch is its own ordered, limited scan
 * over its index, and the union of those short lists is merged: an `OR` of the branches would
 * make Postgres fetch and sort every match (all organization memories, say) for each page.
 */
export async function listMemories(db: Executor, f: MemoryFilters, page: MemoryPage): Promise<MemoryRow[]> {
  const [first, ...rest] = f.branches;
  if (!first) return [];
  const reach = page.limit + (page.offset ?? 0);
  const branchIds = (branch: MemoryBranch) => {
    let q = filtered(db.selectFrom('memories').select(['memories.id', 'memories.inserted_at']), f).where((eb) =>
      branchPredicate(eb, branch),
    );
    const after = page.after;
    if (after) {
      q = q.where(
        sql<boolean>`(memories.inserted_at, memories.id) < (${after.insertedAt}::timestamptz, ${after.id}::uuid)`,
      );
    }
    return q.orderBy('memories.inserted_at', 'desc').orderBy('memories.id', 'desc').limit(reach);
  };
  let union = db.selectFrom(branchIds(first).as('b')).selectAll();
  for (const branch of rest) union = union.union(db.selectFrom(branchIds(branch).as('b')).selectAll());
  let q = db
    .selectFrom(union.as('u'))
    .innerJoin('memories', 'memories.id', 'u.id')
    .selectAll('memories')
    .orderBy('memories.inserted_at', 'desc')
    .orderBy('memories.id', 'desc');
  if (page.offset) q = q.offset(page.offset);
  return q.limit(page.limit).execute();
}
