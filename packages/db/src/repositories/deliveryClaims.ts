import { PGliteAdapter, sql } from 'kysely';
import type { Executor } from '../database.js';
import { OUTBOX_APPEND_MARK } from '../outboxWakeup.js';
import { type ParamMarker, preparedQuery } from '../preparedQuery.js';
import { deliveryUpdateViews } from './deliveryUpdateViews.js';

/**
 * Leased claims on an agent's deliveries (docs/leased-claims.md). A claim takes the head of each
 * room's queue (the oldest delivery not processed and not dead-lettered) when that head is free:
 * `delivered`, `failed` and due for its retry, or `processing` whose lease has expired. A room whose
 * head is held yields nothing, so one agent never holds two messages of a room at once and takes
 * them in order. Rows are locked with `FOR UPDATE SKIP LOCKED`: concurrent claimers skip a head
 * another is taking, and a head changed meanwhile is re-checked against the claimable condition.
 */

/** How long a `/processing` of the vendor protocol (no lease) holds its room against claims. */
export const VENDOR_HOLD_SECONDS = 300;

/** Where a claim looks for work: the free heads of an agent's rooms (or of one room), oldest first. */
function claimableHeads(p: ParamMarker<ClaimArgs>) {
  // The heads come from one index probe per room the agent is in (the partial index of open
  // deliveries), never a scan of the whole backlog. The outer query re-checks the claimable
  // condition on the locked row: a head another claimer changed meanwhile is skipped.
  return sql`
    heads AS (
      SELECT h.message_id
      FROM chat_participants cp
      CROSS JOIN LATERAL (
        SELECT d.message_id FROM message_deliveries d
        WHERE d.agent_id = ${p('agentId')} AND d.chat_room_id = cp.chat_room_id
          AND d.status <> 'processed' AND d.dead_lettered_at IS NULL
        ORDER BY d.message_seq
        LIMIT 1
      ) h
      WHERE cp.participant_id = ${p('agentId')}
        AND (${p('roomId')}::uuid IS NULL OR cp.chat_room_id = ${p('roomId')}::uuid)
    ),
    locked AS MATERIALIZED (
      SELECT d.message_id, d.current_attempt - d.attempt_base >= a.max_attempts AS exhausted
      FROM message_deliveries d
      JOIN agents a ON a.id = d.agent_id
      WHERE d.agent_id = ${p('agentId')}
        AND d.message_id IN (SELECT message_id FROM heads)
        AND d.status <> 'processed'
        AND d.dead_lettered_at IS NULL
        AND (
          d.status = 'delivered'
          OR (d.status = 'failed' AND (d.retry_at IS NULL OR d.retry_at <= clock_timestamp()))
          OR coalesce(d.lease_expires_at, d.updated_at + make_interval(secs => ${sql.lit(VENDOR_HOLD_SECONDS)}))
            <= clock_timestamp()
        )
      ORDER BY d.message_seq
      LIMIT ${p('max')}
      FOR UPDATE OF d SKIP LOCKED
    )`;
}

interface ClaimArgs {
  agentId: string;
  organizationId: string;
  roomId: string | null;
  max: number;
  leaseSeconds: number;
}

export interface ClaimedDelivery {
  message_id: string;
  message_seq: number;
  current_attempt: number;
  /** Its attempts ran out while leased: dead-lettered now, not leased. */
  exhausted: boolean;
  lease_token: string | null;
  lease_expires_at: string | null;
  /** The message as people see it after the claim (every agent's delivery state), without `seq`. */
  view: Record<string, unknown>;
}

/**
 * The whole claim as one statement (one round trip, atomic without an explicit transaction):
 * lock the free heads (SKIP LOCKED); open attempt n+1 under a new lease on each, or dead-letter
 * those whose attempts ran out (an expired lease counts as a failed attempt); close the attempt an
 * expired lease or an abandoned vendor `/processing` left open; record the new attempts; publish
 * `message_updated` for every changed message (`deliveryUpdateViews`).
 */
const claimStatement = (notify: boolean) =>
  preparedQuery<ClaimArgs>()(
    (p) => sql<ClaimedDelivery>`${sql.raw(OUTBOX_APPEND_MARK)}
    WITH ${claimableHeads(p)},
    claimed AS (
      UPDATE message_deliveries d SET
        status = CASE WHEN l.exhausted THEN 'failed' ELSE 'processing' END,
        current_attempt = d.current_attempt + CASE WHEN l.exhausted THEN 0 ELSE 1 END,
        processed_at = NULL,
        retry_at = CASE WHEN l.exhausted THEN d.retry_at END,
        lease_token = CASE WHEN l.exhausted THEN NULL ELSE gen_random_uuid() END,
        lease_expires_at = CASE WHEN l.exhausted THEN NULL
          ELSE clock_timestamp() + make_interval(secs => ${p('leaseSeconds')}) END,
        dead_lettered_at = CASE WHEN l.exhausted THEN clock_timestamp() END,
        updated_at = clock_timestamp()
      FROM locked l
      WHERE d.agent_id = ${p('agentId')} AND d.message_id = l.message_id
      RETURNING d.message_id, d.agent_id, d.message_seq, d.status, d.current_attempt, d.delivered_at,
        d.processed_at, d.lease_token, d.lease_expires_at, l.exhausted
    ),
    closed_attempts AS (
      UPDATE delivery_attempts t SET status = 'failed', completed_at = clock_timestamp(),
        error = CASE WHEN c.exhausted THEN 'abandoned: the lease expired and no attempts are left'
          ELSE 'abandoned: the lease expired before the attempt was settled' END
      FROM claimed c
      WHERE t.agent_id = ${p('agentId')} AND t.message_id = c.message_id AND t.status = 'processing'
      RETURNING t.message_id, t.agent_id, t.attempt_number, t.status, t.started_at, t.completed_at, t.error
    ),
    opened_attempts AS (
      INSERT INTO delivery_attempts (message_id, agent_id, attempt_number, status, started_at)
      SELECT c.message_id, c.agent_id, c.current_attempt, 'processing', clock_timestamp()
      FROM claimed c WHERE NOT c.exhausted
      RETURNING message_id, agent_id, attempt_number, status, started_at, completed_at, error
    ),
    changed_deliveries AS (
      SELECT message_id, agent_id, status, current_attempt, delivered_at, processed_at FROM claimed
    ),
    changed_attempts AS (
      SELECT * FROM closed_attempts UNION ALL SELECT * FROM opened_attempts
    ),
    ${deliveryUpdateViews(p('agentId'), p('organizationId'), notify)}
    SELECT c.message_id, c.message_seq, c.current_attempt, c.exhausted, c.lease_token, c.lease_expires_at, v.view
    FROM claimed c
    JOIN updated_views v ON v.message_id = c.message_id
    ORDER BY c.message_seq`,
    // Named on Postgres: planning this statement costs more database CPU than running it
    // (docs/leased-claims.md).
    { serverSide: true },
  );
/** On Postgres readers are woken after commit (the mark); the embedded PGlite notifies in-statement. */
const claimOnPostgres = claimStatement(false);
const claimEmbedded = claimStatement(true);

/** Claims up to `max` free room heads of an agent (or of one room), oldest first: see `claimStatement`. */
export async function claimDeliveries(db: Executor, q: ClaimArgs): Promise<ClaimedDelivery[]> {
  const result = await (embedded(db) ? claimEmbedded : claimOnPostgres)(db, q);
  return result.rows.map((r) => ({ ...r, message_seq: Number(r.message_seq) }));
}

export interface LeaseRef {
  message_id: string;
  lease_token: string;
}

export interface LeaseSettlement extends LeaseRef {
  error?: string | undefined;
  /** A failure: not claimed again before this many seconds. */
  retryAfterSeconds?: number | undefined;
  /** A failure: dead-letter now (the worker knows it is hopeless). */
  deadLetter?: boolean | undefined;
}

export interface SettledLease {
  message_id: string;
  current_attempt: number;
  dead_lettered: boolean;
}

interface SettleArgs {
  agentId: string;
  organizationId: string;
  outcome: 'processed' | 'failed';
  attemptStatus: 'success' | 'failed';
  ids: string[];
  tokens: string[];
  delays: number[];
  giveUp: boolean[];
  errors: (string | null)[];
}

/**
 * The whole settlement of a batch as one statement: the deliveries still `processing` under their
 * token become `processed` (or `failed`, dead-lettered when the budget is used up or the worker
 * gives up), their open attempts close, and `message_updated` is published for each.
 */
const settleStatement = (notify: boolean) =>
  preparedQuery<SettleArgs>()(
    (p) => sql<SettledLease>`${sql.raw(OUTBOX_APPEND_MARK)}
    WITH settled AS (
      UPDATE message_deliveries d SET
        status = ${p('outcome')}::text,
        processed_at = CASE WHEN ${p('outcome')}::text = 'processed' THEN clock_timestamp() END,
        lease_token = NULL, lease_expires_at = NULL, updated_at = clock_timestamp(),
        dead_lettered_at = CASE WHEN ${p('outcome')}::text = 'failed'
          AND (l.give_up OR d.current_attempt - d.attempt_base >= a.max_attempts) THEN clock_timestamp() END,
        retry_at = CASE WHEN ${p('outcome')}::text = 'failed' AND l.delay > 0
          THEN clock_timestamp() + make_interval(secs => l.delay) END
      FROM unnest(${p('ids')}::uuid[], ${p('tokens')}::uuid[], ${p('delays')}::float8[], ${p('giveUp')}::boolean[],
          ${p('errors')}::text[]) AS l(message_id, token, delay, give_up, error),
        agents a
      WHERE a.id = ${p('agentId')} AND d.agent_id = ${p('agentId')} AND d.message_id = l.message_id
        AND d.message_id = any(${p('ids')}::uuid[])
        AND d.lease_token = l.token AND d.status = 'processing'
      RETURNING d.message_id, d.agent_id, d.status, d.current_attempt, d.delivered_at, d.processed_at,
        d.dead_lettered_at IS NOT NULL AS dead_lettered, l.error
    ),
    closed_attempts AS (
      UPDATE delivery_attempts t SET status = ${p('attemptStatus')}::text, completed_at = clock_timestamp(), error = s.error
      FROM settled s
      WHERE t.agent_id = ${p('agentId')} AND t.message_id = s.message_id AND t.attempt_number = s.current_attempt
      RETURNING t.message_id, t.agent_id, t.attempt_number, t.status, t.started_at, t.completed_at, t.error
    ),
    changed_deliveries AS (
      SELECT message_id, agent_id, status, current_attempt, delivered_at, processed_at FROM settled
    ),
    changed_attempts AS (SELECT * FROM closed_attempts),
    ${deliveryUpdateViews(p('agentId'), p('organizationId'), notify)}
    SELECT message_id, current_attempt, dead_lettered FROM settled`,
    { serverSide: true },
  );
const settleOnPostgres = settleStatement(false);
const settleEmbedded = settleStatement(true);

function embedded(db: Executor): boolean {
  return db.getExecutor().adapter instanceof PGliteAdapter;
}

/**
 * Settles leased deliveries as processed, or failed with an error each, in one statement (see
 * `settleStatement`). Only a delivery still `processing` under that very token is settled (a
 * lease that was lost, to expiry and a new claim or to the vendor's `/processing`, settles
 * nothing); a lease that expired but was not claimed again may still be settled. A failure that
 * used up the budget, or that the worker gives up on, is dead-lettered at once; another may ask
 * for a delay before its retry.
 */
export async function settleLeases(
  db: Executor,
  q: { agentId: string; organizationId: string; leases: LeaseSettlement[]; outcome: 'processed' | 'failed' },
): Promise<SettledLease[]> {
  if (q.leases.length === 0) return [];
  const result = await (embedded(db) ? settleEmbedded : settleOnPostgres)(db, {
    agentId: q.agentId,
    organizationId: q.organizationId,
    outcome: q.outcome,
    attemptStatus: q.outcome === 'processed' ? 'success' : 'failed',
    ids: q.leases.map((l) => l.message_id),
    tokens: q.leases.map((l) => l.lease_token),
    delays: q.leases.map((l) => l.retryAfterSeconds ?? 0),
    giveUp: q.leases.map((l) => l.deadLetter ?? false),
    errors: q.leases.map((l) => l.error ?? null),
  });
  return result.rows;
}

/** Renews leases still held under their token; returns the new expiry of each renewed one. */
export async function extendLeases(
  db: Executor,
  q: { agentId: string; leases: LeaseRef[]; leaseSeconds: number },
): Promise<{ message_id: string; lease_expires_at: string }[]> {
  if (q.leases.length === 0) return [];
  const result = await sql<{ message_id: string; lease_expires_at: string }>`
    UPDATE message_deliveries d SET
      lease_expires_at = clock_timestamp() + make_interval(secs => ${q.leaseSeconds}), updated_at = clock_timestamp()
    FROM unnest(${q.leases.map((l) => l.message_id)}::uuid[], ${q.leases.map((l) => l.lease_token)}::uuid[])
      AS l(message_id, token)
    WHERE d.agent_id = ${q.agentId} AND d.message_id = l.message_id AND d.lease_token = l.token
      AND d.status = 'processing'
    RETURNING d.message_id, d.lease_expires_at`.execute(db);
  return result.rows;
}
