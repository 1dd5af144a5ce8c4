import { PGliteAdapter, type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB, Executor } from '../database.js';
import { OUTBOX_APPEND_MARK } from '../outboxWakeup.js';
import { preparedQuery } from '../preparedQuery.js';

/** A row as the tail and the replay read it. */
export interface OutboxRow {
  id: number;
  type: string;
  chat_room_id: string | null;
  recipient_id: string | null;
  audience: string[] | null;
  payload: unknown;
}

export interface NewOutboxRow {
  type: string;
  organization_id: string;
  chat_room_id?: string | null;
  recipient_id?: string | null;
  audience?: string[] | null;
  payload: unknown;
}

/**
 * Writers hold this advisory lock (shared, so they never wait on each other) from before their
 * rows take an id until their transaction ends. A reader that sees a hole in the ids can then tell
 * whether a writer may still fill it: only a transaction holding the lock can. Keyed per schema so
 * test schemas on one server do not see each other's writers.
 */
const LOCK_CLASS = 1885434476; // 'parl'
const lockKey = sql`hashtext(current_schema()) & 2147483647`;

/** The writers' lock as an expression, for statements that append outbox rows themselves. */
const outboxWriterLock = sql`pg_advisory_xact_lock_shared(${sql.lit(LOCK_CLASS)}, ${lockKey})`;
/** The in-statement wake-up the embedded PGlite keeps (see `appendStatement`). */
const outboxNotifyInStatement = sql.raw(`pg_notify('parley_outbox_' || current_schema(), '')`);

/** Channel names carry the schema for the same reason; LISTEN and NOTIFY are per database. */
export function outboxChannel(schema: string): string {
  return `parley_outbox_${schema}`;
}
export function sessionsChannel(schema: string): string {
  return `parley_sessions_${schema}`;
}

/**
 * A one-row subquery that takes the writers' lock (and, with `notify`, the in-statement wake-up
 * the embedded PGlite keeps). An insert into the outbox selects from it and sorts its input, so
 * the lock is held before any row takes an id. Shared with statements that publish as part of a
 * larger statement (`deliveryUpdateViews`, `sentMessages`); those that pass `onlyIf` take neither
 * lock nor wake-up when it is false (a claim that found nothing). A statement that uses it starts
 * with `OUTBOX_APPEND_MARK`, so that on Postgres the instance wakes readers after its commit.
 */
export function outboxWriter(notify: boolean, onlyIf?: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(SELECT ${outboxWriterLock} AS locked${notify ? sql`, ${outboxNotifyInStatement} AS notified` : sql``}${
    onlyIf ? sql` WHERE ${onlyIf}` : sql``
  })`;
}

/**
 * The rows as one statement, the writers' lock taken first. On Postgres the wake-up is a NOTIFY
 * sent after commit by the instance (`outboxWakeup.ts`, found by the statement's mark); on the
 * embedded PGlite, one process with one connection, the NOTIFY stays in the transaction.
 */
const appendStatement = (notify: boolean) =>
  preparedQuery<{ json: string }>()(
    (
      p,
    ) => sql`${sql.raw(OUTBOX_APPEND_MARK)} INSERT INTO event_outbox (type, organization_id, chat_room_id, recipient_id, audience, payload)
    SELECT e.value->>'type', (e.value->>'organization_id')::uuid, (e.value->>'chat_room_id')::uuid,
      (e.value->>'recipient_id')::uuid,
      CASE WHEN jsonb_typeof(e.value->'audience') = 'array'
        THEN ARRAY(SELECT jsonb_array_elements_text(e.value->'audience'))::uuid[] END,
      e.value->'payload'
    FROM ${outboxWriter(notify)} AS writer,
      jsonb_array_elements(${p('json')}::jsonb) WITH ORDINALITY AS e(value, n)
    ORDER BY e.n`,
  );
const appendRows = appendStatement(false);
const appendRowsNotifying = appendStatement(true);

/**
 * Appends events inside the caller's transaction, in one statement (a round trip less under the
 * writer's locks); readers are woken after commit (see `appendStatement`). The writers' lock is
 * taken before any row takes its id: the sort makes the whole input, lock included, come first.
 * Compiled once: every write that publishes runs it.
 */
export async function appendOutboxRows(trx: Transaction<DB>, rows: NewOutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((r) => ({
      type: r.type,
      organization_id: r.organization_id,
      chat_room_id: r.chat_room_id ?? null,
      recipient_id: r.recipient_id ?? null,
      audience: r.audience ?? null,
      payload: r.payload,
    })),
  );
  const embedded = trx.getExecutor().adapter instanceof PGliteAdapter;
  await (embedded ? appendRowsNotifying : appendRows)(trx, { json });
}

const rowColumns = ['id', 'type', 'chat_room_id', 'recipient_id', 'audience', 'payload'] as const;

/** Rows after `afterId`, in id order. */
export function readOutboxAfter(db: Executor, afterId: number, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('event_outbox')
    .select(rowColumns)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The transactions (virtual ids) that hold the writers' lock right now. */
export async function outboxWriters(db: Executor): Promise<string[]> {
  const result = await sql<{ vxid: string }>`SELECT virtualtransaction AS vxid FROM pg_locks
    WHERE locktype = 'advisory' AND classid = ${sql.lit(LOCK_CLASS)} AND objid = (${lockKey})::oid
      AND objsubid = 2 AND granted`.execute(db);
  return result.rows.map((r) => r.vxid);
}

/** The highest id taken so far, committed or not (0 on an empty table). */
export async function latestOutboxId(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('event_outbox')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/**
 * One principal's rows after an id, up to `throughId`: its personal rows, rows of rooms it is in
 * now, and rows naming it in their frozen audience. Three index range scans, merged in id order.
 */
export function readOutboxForPrincipal(
  db: Executor,
  principalId: string,
  page: { afterId: number; throughId: number; limit: number },
): Promise<OutboxRow[]> {
  const base = () =>
    db
      .selectFrom('event_outbox')
      .select(rowColumns)
      .where('event_outbox.id', '>', page.afterId)
      .where('event_outbox.id', '<=', page.throughId);
  const personal = base().where('recipient_id', '=', principalId);
  const rooms = base()
    .where('audience', 'is', null)
    .where('chat_room_id', 'in', (eb) =>
      eb.selectFrom('chat_participants').select('chat_room_id').where('participant_id', '=', principalId),
    );
  const frozen = base().where(sql<boolean>`audience @> ARRAY[${principalId}]::uuid[]`);
  return db
    .selectFrom(personal.unionAll(rooms).unionAll(frozen).as('r'))
    .selectAll()
    .orderBy('id')
    .limit(page.limit)
    .execute() as Promise<OutboxRow[]>;
}

/** Which of `principalIds` are participants of which of `roomIds` right now, as membership keys. */
export async function currentMemberships(
  db: Executor,
  roomIds: string[],
  principalIds: string[],
): Promise<Set<string>> {
  if (roomIds.length === 0 || principalIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('chat_participants')
    .select(['chat_room_id', 'participant_id'])
    .where('chat_room_id', '=', sql<string>`ANY(${roomIds}::uuid[])`)
    .where('participant_id', '=', sql<string>`ANY(${principalIds}::uuid[])`)
    .execute();
  return new Set(rows.map((r) => membershipKey(r.chat_room_id, r.participant_id)));
}

export function membershipKey(roomId: string, principalId: string): string {
  return `${roomId}:${principalId}`;
}

/** The highest id retention has deleted: a resume from before it cannot be served. */
export async function prunedThrough(db: Executor): Promise<number> {
  const row = await db.selectFrom('event_outbox_state').select('pruned_through').executeTakeFirst();
  return Number(row?.pruned_through ?? 0);
}

/**
 * Deletes rows older than `cutoff` (an ISO time) in bounded batches, and moves the watermark in
 * the same statement so no reader ever sees rows gone without the watermark saying so.
 */
export async function pruneOutbox(db: Executor, cutoff: string, batch: number): Promise<number> {
  const result = await sql<{ n: number }>`
    WITH doomed AS (
      SELECT id FROM event_outbox WHERE inserted_at < ${cutoff}::timestamptz ORDER BY inserted_at LIMIT ${batch}
    ), gone AS (
      DELETE FROM event_outbox WHERE id IN (SELECT id FROM doomed) RETURNING id
    ), moved AS (
      UPDATE event_outbox_state SET pruned_through = GREATEST(pruned_through, (SELECT max(id) FROM gone))
      WHERE EXISTS (SELECT 1 FROM gone) RETURNING 1
    )
    SELECT (SELECT count(*) FROM gone)::int AS n, (SELECT count(*) FROM moved) AS moved`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** Wakes the other instances' listeners on `channel` (outside any transaction). */
export async function notifyChannel(db: Executor, channel: string, payload: string): Promise<void> {
  await sql`SELECT pg_notify(${channel}, ${payload})`.execute(db);
}

/** The database clock: instances order competing socket sessions by it, not by their own clocks. */
export async function databaseNow(db: Executor): Promise<string> {
  const result = await sql<{ now: string }>`SELECT clock_timestamp() AS now`.execute(db);
  return String(result.rows[0]?.now);
}
