import { sql } from 'kysely';
import type { Executor } from '../database.js';

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

export interface ClaimCandidate {
  message_id: string;
  chat_room_id: string;
  message_seq: number;
  status: 'delivered' | 'processing' | 'failed';
  current_attempt: number;
  attempt_base: number;
  max_attempts: number;
}

/**
 * Locks up to `max` free room heads of an agent (or of one room), oldest first. The heads come from
 * one index probe per room the agent is in (the partial index of open deliveries), never a scan of
 * the whole backlog.
 */
export async function lockClaimCandidates(
  db: Executor,
  q: { agentId: string; roomId: string | null; max: number },
): Promise<ClaimCandidate[]> {
  const result = await sql<ClaimCandidate>`
    WITH heads AS (
      SELECT h.message_id
      FROM chat_participants cp
      CROSS JOIN LATERAL (
        SELECT d.message_id FROM message_deliveries d
        WHERE d.agent_id = ${q.agentId} AND d.chat_room_id = cp.chat_room_id
          AND d.status <> 'processed' AND d.dead_lettered_at IS NULL
        ORDER BY d.message_seq
        LIMIT 1
      ) h
      WHERE cp.participant_id = ${q.agentId}
        AND (${q.roomId}::uuid IS NULL OR cp.chat_room_id = ${q.roomId}::uuid)
    )
    SELECT d.message_id, d.chat_room_id, d.message_seq, d.status, d.current_attempt, d.attempt_base, a.max_attempts
    FROM message_deliveries d
    JOIN agents a ON a.id = d.agent_id
    WHERE d.agent_id = ${q.agentId}
      AND d.message_id IN (SELECT message_id FROM heads)
      AND d.status <> 'processed'
      AND d.dead_lettered_at IS NULL
      AND (
        d.status = 'delivered'
        OR (d.status = 'failed' AND (d.retry_at IS NULL OR d.retry_at <= clock_timestamp()))
        OR coalesce(d.lease_expires_at, d.updated_at + make_interval(secs => ${VENDOR_HOLD_SECONDS}))
          <= clock_timestamp()
      )
    ORDER BY d.message_seq
    LIMIT ${q.max}
    FOR UPDATE OF d SKIP LOCKED`.execute(db);
  return result.rows.map((r) => ({ ...r, message_seq: Number(r.message_seq) }));
}

export interface GrantedLease {
  message_id: string;
  chat_room_id: string;
  message_seq: number;
  current_attempt: number;
  lease_token: string;
  lease_expires_at: string;
}

/**
 * Opens attempt n+1 on locked deliveries under a new lease, and records the attempts: an attempt
 * still open (its lease expired, or a vendor `/processing` was abandoned) is closed as failed.
 */
export async function grantLeases(
  db: Executor,
  q: { agentId: string; messageIds: string[]; leaseSeconds: number },
): Promise<GrantedLease[]> {
  if (q.messageIds.length === 0) return [];
  const granted = await sql<GrantedLease>`
    UPDATE message_deliveries SET
      status = 'processing', current_attempt = current_attempt + 1, processed_at = NULL, retry_at = NULL,
      lease_token = gen_random_uuid(),
      lease_expires_at = clock_timestamp() + make_interval(secs => ${q.leaseSeconds}),
      updated_at = clock_timestamp()
    WHERE agent_id = ${q.agentId} AND message_id = any(${q.messageIds}::uuid[])
    RETURNING message_id, chat_room_id, message_seq, current_attempt, lease_token, lease_expires_at`.execute(db);
  const rows = granted.rows.map((r) => ({ ...r, message_seq: Number(r.message_seq) }));
  await sql`
    WITH abandoned AS (
      UPDATE delivery_attempts SET status = 'failed', completed_at = clock_timestamp(),
        error = 'abandoned: the lease expired before the attempt was settled'
      WHERE agent_id = ${q.agentId} AND message_id = any(${q.messageIds}::uuid[]) AND status = 'processing'
      RETURNING message_id
    )
    INSERT INTO delivery_attempts (message_id, agent_id, attempt_number, status, started_at)
    SELECT m, ${q.agentId}, n, 'processing', clock_timestamp()
    FROM unnest(${rows.map((r) => r.message_id)}::uuid[], ${rows.map((r) => r.current_attempt)}::int[]) AS t(m, n)`.execute(
    db,
  );
  return rows;
}

/** Dead-letters locked deliveries whose attempts ran out while leased: `failed`, open attempt closed. */
export async function deadLetterExpired(db: Executor, q: { agentId: string; messageIds: string[] }): Promise<void> {
  if (q.messageIds.length === 0) return;
  await sql`
    UPDATE message_deliveries SET status = 'failed', processed_at = NULL, lease_token = NULL,
      lease_expires_at = NULL, dead_lettered_at = clock_timestamp(), updated_at = clock_timestamp()
    WHERE agent_id = ${q.agentId} AND message_id = any(${q.messageIds}::uuid[])`.execute(db);
  await sql`
    UPDATE delivery_attempts SET status = 'failed', completed_at = clock_timestamp(),
      error = 'abandoned: the lease expired and no attempts are left'
    WHERE agent_id = ${q.agentId} AND message_id = any(${q.messageIds}::uuid[]) AND status = 'processing'`.execute(db);
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
  chat_room_id: string;
  message_seq: number;
  current_attempt: number;
  dead_lettered: boolean;
}

/**
 * Settles leased deliveries as processed, or failed with an error each. Only a delivery still
 * `processing` under that very token is settled (a lease that was lost, to expiry and a new claim
 * or to the vendor's `/processing`, settles nothing); a lease that expired but was not claimed
 * again may still be settled. A failure that used up the budget, or that the worker gives up on,
 * is dead-lettered at once; another may ask for a delay before its retry.
 */
export async function settleLeases(
  db: Executor,
  q: { agentId: string; leases: LeaseSettlement[]; outcome: 'processed' | 'failed' },
): Promise<SettledLease[]> {
  if (q.leases.length === 0) return [];
  const ids = q.leases.map((l) => l.message_id);
  const tokens = q.leases.map((l) => l.lease_token);
  const errors = q.leases.map((l) => l.error ?? null);
  const delays = q.leases.map((l) => l.retryAfterSeconds ?? 0);
  const giveUp = q.leases.map((l) => l.deadLetter ?? false);
  const processed = q.outcome === 'processed';
  const settled = await sql<SettledLease>`
    UPDATE message_deliveries d SET
      status = ${q.outcome},
      processed_at = CASE WHEN ${processed} THEN clock_timestamp() END,
      lease_token = NULL, lease_expires_at = NULL, updated_at = clock_timestamp(),
      dead_lettered_at = CASE WHEN NOT ${processed}
        AND (l.give_up OR d.current_attempt - d.attempt_base >= a.max_attempts) THEN clock_timestamp() END,
      retry_at = CASE WHEN NOT ${processed} AND l.delay > 0
        THEN clock_timestamp() + make_interval(secs => l.delay) END
    FROM unnest(${ids}::uuid[], ${tokens}::uuid[], ${delays}::float8[], ${giveUp}::boolean[])
      AS l(message_id, token, delay, give_up), agents a
    WHERE a.id = ${q.agentId} AND d.agent_id = ${q.agentId} AND d.message_id = l.message_id
      AND d.lease_token = l.token AND d.status = 'processing'
    RETURNING d.message_id, d.chat_room_id, d.message_seq, d.current_attempt,
      d.dead_lettered_at IS NOT NULL AS dead_lettered`.execute(db);
  const rows = settled.rows.map((r) => ({ ...r, message_seq: Number(r.message_seq) }));
  if (rows.length === 0) return rows;
  const errorOf = new Map(q.leases.map((l, i) => [l.message_id, errors[i]]));
  await sql`
    UPDATE delivery_attempts t SET status = ${processed ? 'success' : 'failed'},
      completed_at = clock_timestamp(), error = s.error
    FROM unnest(${rows.map((r) => r.message_id)}::uuid[], ${rows.map((r) => r.current_attempt)}::int[],
      ${rows.map((r) => errorOf.get(r.message_id) ?? null)}::text[]) AS s(message_id, n, error)
    WHERE t.agent_id = ${q.agentId} AND t.message_id = s.message_id AND t.attempt_number = s.n`.execute(db);
  return rows;
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
