import { sql } from 'kysely';
import type { Executor } from '../database.js';

export interface IdempotencyScope {
  apiKeyHash: string;
  key: string;
}

export type IdempotencyClaim =
  /** `resumed`: a run of the same request committed effects already (docs/idempotency-keys.md). */
  | { kind: 'started'; resumed: boolean }
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'in_use' }
  | { kind: 'reused' };

/** How long a replay is kept, and how long a first request may run before it counts as abandoned. */
export const IDEMPOTENCY_TTL_HOURS = 24;

/**
 * Takes the key for a request, in one statement: a new key (or one expired, or abandoned by a
 * request that ran past `lockSeconds`, e.g. its server died, or one whose run committed effects
 * but stored no response: a crash or a failure after the commit) is taken as `running`, keeping the
 * recorded effects of the same request, which its run then returns instead of repeating them; otherwise the
 * stored row says what to answer: the same request done → replay; still running → in use; a
 * different request → reused.
 */
export async function claimIdempotencyKey(
  db: Executor,
  scope: IdempotencyScope & { requestHash: string; lockSeconds: number },
): Promise<IdempotencyClaim> {
  const taken = await sql<{ resumed: boolean }>`
    INSERT INTO idempotency_keys (api_key_hash, idempotency_key, request_hash, state, locked_until)
    VALUES (${scope.apiKeyHash}, ${scope.key}, ${scope.requestHash}, 'running',
      clock_timestamp() + make_interval(secs => ${scope.lockSeconds}))
    ON CONFLICT (api_key_hash, idempotency_key) DO UPDATE SET
      request_hash = excluded.request_hash, state = 'running', response_status = NULL, response_body = NULL,
      created_at = clock_timestamp(), locked_until = excluded.locked_until,
      effects = CASE WHEN idempotency_keys.request_hash = excluded.request_hash
        AND idempotency_keys.created_at >= clock_timestamp() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
        THEN idempotency_keys.effects END
    WHERE idempotency_keys.created_at < clock_timestamp() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
      OR (idempotency_keys.state = 'running' AND idempotency_keys.request_hash = excluded.request_hash
        AND (idempotency_keys.locked_until < clock_timestamp() OR idempotency_keys.effects IS NOT NULL))
    RETURNING effects IS NOT NULL AS resumed`.execute(db);
  const started = taken.rows[0];
  if (started) return { kind: 'started', resumed: started.resumed === true };
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

/**
 * Frees a key whose request did not take effect (a 5xx, a 429): a retry runs it again. A key whose
 * run committed an effect is kept (`running`, with the effect): its retry returns that effect.
 */
export async function releaseIdempotencyKey(db: Executor, scope: IdempotencyScope) {
  await sql`
    DELETE FROM idempotency_keys
    WHERE api_key_hash = ${scope.apiKeyHash} AND idempotency_key = ${scope.key} AND state = 'running'
      AND effects IS NULL`.execute(db);
}

/** Deletes replays older than the TTL (called now and then; the claim ignores them anyway). */
export async function pruneIdempotencyKeys(db: Executor) {
  await sql`
    DELETE FROM idempotency_keys
    WHERE created_at < clock_timestamp() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`.execute(db);
}

/**
 * Records the result of a request's effect (its `slot`-th transaction) in that transaction, unless
 * another run of the same request recorded it first. The update takes the key's row lock, so two
 * runs of one slot serialize here and only the first commits; the other learns the first's result
 * (`recorded`) and rolls back. `missing`: the key's row is gone (expired and pruned), nothing to do.
 */
export async function recordIdempotencyEffect(
  db: Executor,
  scope: IdempotencyScope,
  slot: number,
  json: string,
): Promise<{ kind: 'recorded' } | { kind: 'taken'; json: string } | { kind: 'missing' }> {
  const name = String(slot);
  const updated = await sql<{ ok: boolean }>`
    UPDATE idempotency_keys SET effects = coalesce(effects, '{}'::jsonb) || jsonb_build_object(${name}::text, ${json}::text)
    WHERE api_key_hash = ${scope.apiKeyHash} AND idempotency_key = ${scope.key}
      AND NOT coalesce(effects ? ${name}::text, false)
    RETURNING true AS ok`.execute(db);
  if (updated.rows.length > 0) return { kind: 'recorded' };
  const prior = await findIdempotencyEffect(db, scope, slot, { lock: false });
  return prior === undefined ? { kind: 'missing' } : { kind: 'taken', json: prior };
}

/**
 * The recorded result of a request's `slot`-th effect, if any; `lock` takes the key's row lock
 * first, so a run of the same slot still in progress elsewhere is waited for.
 */
export async function findIdempotencyEffect(
  db: Executor,
  scope: IdempotencyScope,
  slot: number,
  options: { lock: boolean },
): Promise<string | undefined> {
  const lock = options.lock ? sql`FOR UPDATE` : sql``;
  const row = (
    await sql<{ json: string | null }>`
      SELECT effects ->> ${String(slot)}::text AS json FROM idempotency_keys
      WHERE api_key_hash = ${scope.apiKeyHash} AND idempotency_key = ${scope.key} ${lock}`.execute(db)
  ).rows[0];
  return row?.json ?? undefined;
}
