import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../database.js';
import type { PrincipalKind } from '../tables/principals.js';

/**
 * Where registry peers come from. The domain picks the sources per caller (a user sees the users
 * of its organization, an agent only its owner); this file only turns them into SQL.
 */
export type RegistrySource =
  | { kind: 'organizationUsers'; organizationId: string }
  | { kind: 'user'; userId: string }
  | { kind: 'agentsOwnedBy'; ownerId: string }
  /** Agents of the organization listed in its directory or shared with it. */
  | { kind: 'directoryAgents'; organizationId: string };

export interface PeerPageQuery {
  /** The user or agent asking: never a peer of itself; its contacts are the contact entries. */
  callerId: string;
  registry: RegistrySource[];
  type?: PrincipalKind | undefined;
  /** Leave out the participants of this room. */
  notInRoomId?: string | undefined;
  limit: number;
  offset: number;
}

export interface PeerRow {
  id: string;
  kind: PrincipalKind;
  handle: string;
  name: string;
  description: string | null;
  is_external: boolean | null;
  listed_in_directory: boolean | null;
  tags: string[] | null;
  source: 'registry' | 'contact';
  is_contact: boolean;
}

const SOURCE_KIND: Record<RegistrySource['kind'], PrincipalKind> = {
  organizationUsers: 'User',
  user: 'User',
  agentsOwnedBy: 'Agent',
  directoryAgents: 'Agent',
};

/** One registry source as `SELECT id, 0 AS rank …` (rank 0: registry entries sort first). */
function registryBranch(source: RegistrySource): RawBuilder<unknown> {
  switch (source.kind) {
    case 'organizationUsers':
      return sql`SELECT id, 0 AS rank FROM users WHERE organization_id = ${source.organizationId}`;
    case 'user':
      return sql`SELECT id, 0 AS rank FROM users WHERE id = ${source.userId}`;
    case 'agentsOwnedBy':
      return sql`SELECT id, 0 AS rank FROM agents WHERE owner_id = ${source.ownerId}`;
    case 'directoryAgents':
      // Two halves rather than an OR, so each uses its partial index.
      return sql`SELECT id, 0 AS rank FROM agents WHERE organization_id = ${source.organizationId} AND listed_in_directory
        UNION ALL
        SELECT id, 0 AS rank FROM agents WHERE organization_id = ${source.organizationId} AND shared_with_organization`;
  }
}

interface RawPeerRow extends Omit<PeerRow, 'source' | 'id' | 'kind' | 'handle' | 'name' | 'is_contact'> {
  total_count: number | string;
  id: string | null;
  kind: PrincipalKind | null;
  handle: string | null;
  name: string | null;
  rank: number | null;
  is_contact: boolean | null;
}

/**
 * One page of peers and the total, in one statement. Every source (the registry ones, then the
 * caller's contacts with rank 1) feeds one candidate list; grouping by id keeps each principal
 * once, as a registry entry when any registry source has it, and marks it a contact when the
 * contact source has it too. The order is total and stable: registry first, then by name
 * (case-insensitive, code-point order on every database), handle and id. The page is joined to a
 * one-row count so a page past the end still reports the total.
 */
export async function listPeerPage(db: Executor, q: PeerPageQuery): Promise<{ peers: PeerRow[]; total: number }> {
  const branches = q.registry.filter((source) => !q.type || SOURCE_KIND[source.kind] === q.type).map(registryBranch);
  branches.push(sql`SELECT contact_id AS id, 1 AS rank FROM contacts WHERE owner_id = ${q.callerId}`);
  const notInRoom = q.notInRoomId
    ? sql`AND NOT EXISTS (
        SELECT 1 FROM chat_participants cp WHERE cp.chat_room_id = ${q.notInRoomId} AND cp.participant_id = c.id)`
    : sql``;
  const ofType = q.type ? sql`WHERE pr.kind = ${q.type}` : sql``;
  const { rows } = await sql<RawPeerRow>`
    WITH candidates AS (${sql.join(branches, sql` UNION ALL `)}),
    peers AS (
      SELECT c.id, min(c.rank) AS rank, bool_or(c.rank = 1) AS is_contact
        FROM candidates c
       WHERE c.id <> ${q.callerId} ${notInRoom}
       GROUP BY c.id
    ),
    detailed AS (
      SELECT p.id, p.rank, p.is_contact, pr.kind, pr.handle,
             coalesce(a.name,
                      nullif(trim(concat_ws(' ', nullif(trim(u.first_name), ''), nullif(trim(u.last_name), ''))), ''),
                      pr.handle) AS name,
             a.description, a.is_external,
             coalesce(a.listed_in_directory, u.listed_in_directory) AS listed_in_directory, a.tags
        FROM peers p
        JOIN principals pr ON pr.id = p.id
        LEFT JOIN agents a ON a.id = p.id
        LEFT JOIN users u ON u.id = p.id
        ${ofType}
    )
    SELECT total.n AS total_count, page.*
      FROM (SELECT count(*) AS n FROM detailed) AS total
      LEFT JOIN LATERAL (
        SELECT * FROM detailed
         ORDER BY rank, lower(name) COLLATE "C", handle COLLATE "C", id
         LIMIT ${q.limit} OFFSET ${q.offset}
      ) AS page ON true
  `.execute(db);
  const total = Number(rows[0]?.total_count ?? 0);
  const peers: PeerRow[] = [];
  for (const row of rows) {
    if (row.id === null || row.kind === null || row.handle === null || row.name === null) continue;
    peers.push({
      id: row.id,
      kind: row.kind,
      handle: row.handle,
      name: row.name,
      description: row.description,
      is_external: row.is_external,
      listed_in_directory: row.listed_in_directory,
      tags: row.tags,
      source: row.rank === 0 ? 'registry' : 'contact',
      is_contact: row.is_contact === true,
    });
  }
  return { peers, total };
}

/** Whether a principal takes part in a room (an unknown room is simply "no"). */
export async function isRoomParticipant(db: Executor, roomId: string, principalId: string): Promise<boolean> {
  const row = await db
    .selectFrom('chat_participants')
    .select('participant_id')
    .where('chat_room_id', '=', roomId)
    .where('participant_id', '=', principalId)
    .executeTakeFirst();
  return row !== undefined;
}
