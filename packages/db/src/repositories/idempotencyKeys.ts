import { sql } from 'kysely';
import type { Executor } from '../database.js';

export interface IdempotencyScope {
  apiKeyHash: string;
  key: string;
}

export type IdempotencyClaim =
  | { kind: 'started' }
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'in_use' }
  | { kind: 'reused' };

/** How long a replay is kept, and how long a first request may run before it counts as abandoned. */
export const IDEMPOTENCY_TTL_HOURS = 24;

/**
 * Takes the key for a request, in one statement: a new key (or one expired, or abandoned by a
 * request that ran past `lockSeconds`, e.g. its server died) is taken as `running`; otherwise the
 * stored row says what to answer: the same request done → replay; still running → in use; a
 * different request → reused.
 */
export async function claimIdempotencyKey(
  db: Executor,
  scope: IdempotencyScope & { requestHash: string; lockSeconds: number },
): Promise<IdempotencyClaim> {
  const taken = await sql<{ taken: boolean }>`
    INSERT INTO idempotency_keys (api_key_hash, idempotency_key, request_hash, state, locked_until)
    VALUES (${scope.apiKeyHash}, ${scope.key}, ${scope.requestHash}, 'running',
      clock_timestamp() + make_interval(secs => ${scope.lockSeconds}))
    ON CONFLICT (api_key_hash, idempotency_key) DO UPDATE SET
      request_hash = excluded.request_hash, state = 'running', response_status = NULL, response_body = NULL,
      created_at = clock_timestamp(), locked_until = excluded.locked_until
    WHERE idempotency_keys.created_at < clock_timestamp() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
      OR (idempotency_keys.state = 'running' AND idempotency_keys.locked_until < clock_timestamp()
        AND idempotency_keys.request_hash = excluded.request_hash)
    RETURNING true AS taken`.execute(db);
  if (taken.rows.length > 0) return { kind: 'started' };
  const row = (
    await sql<{ request_hash: string; state: string; response_status: number | null; response_body: string | null }>`
      SELECT request_hash, state, response_status, response_body FROM idempotency_keys
      WHERE api_key_hash = ${scope.apiKeyHash} AND idempotency_key = ${scope.key}`.execute(db)
  ).rows[0];
  if (!row) return claimIdempotencyKey(db, scope);
  if (row.request_hash !== scope.requestHash) return { kind: 'reused' };
  if (row.state === 'running' || row.response_status === null) return { kind: 'in_use' };
  return { kind: 'replay', status: row.response_status, body: row.response_body ?? '' };
}

/** Stores the response of a request that took its key. */
export async function completeIdempotencyKey(db: Executor, scope: IdempotencyScope, status: number, body: string) {
  await sql`
    UPDATE idempotency_keys SET state = 'done', response_status = ${status}, response_body = ${body}
    WHERE api_key_hash = ${scope.apiKeyHash} AND idempotency_key = ${scope.key} AND state = 'running'`.execute(db);
}

/** Frees a key whose request did not take effect (a 5xx, a 429): a retry runs it again. */
export async function releaseIdempotencyKey(db: Executor, scope: IdempotencyScope) {
  await sql`
    DELETE FROM idempotency_keys
    WHERE api_key_hash = ${scope.apiKeyHash} AND idempotency_key = ${scope.key} AND state = 'running'`.execute(db);
}

/** Deletes replays older than the TTL (called now and then; the claim ignores them anyway). */
export async function pruneIdempotencyKeys(db: Executor) {
  await sql`
    DELETE FROM idempotency_keys
    WHERE created_at < clock_timestamp() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`.execute(db);
}
