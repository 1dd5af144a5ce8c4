import { type ExpressionBuilder, sql } from 'kysely';
import type { DB, Executor } from '../database.js';
import type { ContactRequestStatus } from '../tables/contacts.js';
import { partyName } from './contactParties.js';

/**
 * Expiry is evaluated at query time: a `pending` row whose `expires_at` has passed reads as
 * `expired` everywhere (lists, filters, state checks), so reads are right the moment it expires.
 * The row itself moves to `expired` in a later write, which announces it: every instance's sweep
 * (`expireDuePending`), or a new request between the same pair (`expirePendingBetween`), which
 * needs the pair's pending slot (the partial unique index allows one pending request per pair).
 */
const effectiveStatus = sql<ContactRequestStatus>`case when cr.status = 'pending' and cr.expires_at <= now() then 'expired' else cr.status end`;

/** Which requests a list shows: one status, every status, or every status the vendor's agent enum knows. */
export type ContactRequestStatusFilter = ContactRequestStatus | 'all' | 'all_but_expired';

type RequestScope = ExpressionBuilder<DB & { cr: DB['contact_requests'] }, 'cr'>;

const isLivePending = (eb: RequestScope) =>
  eb.and([eb('cr.status', '=', 'pending'), eb('cr.expires_at', '>', sql<string>`now()`)]);
const isExpired = (eb: RequestScope) =>
  eb.or([
    eb('cr.status', '=', 'expired'),
    eb.and([eb('cr.status', '=', 'pending'), eb('cr.expires_at', '<=', sql<string>`now()`)]),
  ]);

function statusCondition(eb: RequestScope, filter: ContactRequestStatusFilter) {
  switch (filter) {
    case 'all':
      return eb.lit(true);
    case 'all_but_expired':
      return eb.not(isExpired(eb));
    case 'pending':
      return isLivePending(eb);
    case 'expired':
      return isExpired(eb);
    default:
      return eb('cr.status', '=', filter);
  }
}

const betweenPair = (eb: RequestScope, a: string, b: string) =>
  eb.or([
    eb.and([eb('cr.requester_id', '=', a), eb('cr.recipient_id', '=', b)]),
    eb.and([eb('cr.requester_id', '=', b), eb('cr.recipient_id', '=', a)]),
  ]);

export async function insertContactRequest(
  db: Executor,
  values: { requester_id: string; recipient_id: string; message: string | null; ttlDays: number },
): Promise<{ id: string }> {
  return db
    .insertInto('contact_requests')
    .values({
      requester_id: values.requester_id,
      recipient_id: values.recipient_id,
      message: values.message,
      status: 'pending',
      expires_at: sql<string>`now() + make_interval(days => ${values.ttlDays})`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/**
 * Persists the expiry of the pair's stale pending request, freeing its pending slot. Returns the
 * ids this statement moved to `expired`: a row a concurrent sweep expired first no longer matches
 * (`status = 'pending'` is re-checked after the row lock), so only one writer announces it.
 */
export async function expirePendingBetween(db: Executor, a: string, b: string): Promise<string[]> {
  const rows = await db
    .updateTable('contact_requests as cr')
    .set({ status: 'expired' })
    .where((eb) => eb.and([betweenPair(eb, a, b), isExpired(eb), eb('cr.status', '=', 'pending')]))
    .returning('cr.id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Moves up to `limit` pending requests past their expiry to `expired`, returning their ids. Rows
 * another transaction holds (another instance's sweep, a send between the same pair, an answer)
 * are skipped, and the UPDATE re-checks `status = 'pending'`, so each expiry is persisted, and
 * announced, by exactly one transaction.
 */
export async function expireDuePending(db: Executor, limit: number): Promise<string[]> {
  const rows = await db
    .updateTable('contact_requests')
    .set({ status: 'expired' })
    .where('status', '=', 'pending')
    .where((eb) =>
      eb(
        'id',
        'in',
        eb
          .selectFrom('contact_requests as cr')
          .select('cr.id')
          .where('cr.status', '=', 'pending')
          .where('cr.expires_at', '<=', sql<string>`now()`)
          .orderBy('cr.expires_at')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      ),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The pair's live pending request, whichever side asked, locked until the transaction ends. */
export function lockPendingBetween(db: Executor, a: string, b: string) {
  return db
    .selectFrom('contact_requests as cr')
    .select(['cr.id', 'cr.requester_id', 'cr.recipient_id'])
    .where((eb) => eb.and([betweenPair(eb, a, b), isLivePending(eb)]))
    .forUpdate()
    .executeTakeFirst();
}

/** A request by id with its effective status, locked until the transaction ends. */
export function lockContactRequest(db: Executor, id: string) {
  return db
    .selectFrom('contact_requests as cr')
    .select(['cr.id', 'cr.requester_id', 'cr.recipient_id', effectiveStatus.as('status')])
    .where('cr.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The live pending request from `requesterId` to `recipientId`, if any. */
export function findPendingFromTo(db: Executor, requesterId: string, recipientId: string) {
  return db
    .selectFrom('contact_requests as cr')
    .select('cr.id')
    .where('cr.requester_id', '=', requesterId)
    .where('cr.recipient_id', '=', recipientId)
    .where(isLivePending)
    .executeTakeFirst();
}

/** Records a response (approve, reject, cancel) and when it happened. */
export async function resolveContactRequest(
  db: Executor,
  id: string,
  status: 'approved' | 'rejected' | 'cancelled',
): Promise<void> {
  await db
    .updateTable('contact_requests')
    .set({ status, responded_at: sql<string>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Requests with both parties' public profile (id, kind, handle, name; never an email). */
function selectRequestViews(db: Executor) {
  return db
    .selectFrom('contact_requests as cr')
    .innerJoin('principals as rq', 'rq.id', 'cr.requester_id')
    .leftJoin('users as rqu', 'rqu.id', 'cr.requester_id')
    .leftJoin('agents as rqa', 'rqa.id', 'cr.requester_id')
    .innerJoin('principals as rc', 'rc.id', 'cr.recipient_id')
    .leftJoin('users as rcu', 'rcu.id', 'cr.recipient_id')
    .leftJoin('agents as rca', 'rca.id', 'cr.recipient_id')
    .select([
      'cr.id',
      'cr.requester_id',
      'rq.kind as requester_type',
      'rq.handle as requester_handle',
      partyName('rq', 'rqu', 'rqa').as('requester_name'),
      'cr.recipient_id',
      'rc.kind as recipient_type',
      'rc.handle as recipient_handle',
      partyName('rc', 'rcu', 'rca').as('recipient_name'),
      effectiveStatus.as('status'),
      'cr.message',
      'cr.inserted_at',
      'cr.responded_at',
      'cr.expires_at',
    ]);
}

export function findContactRequestView(db: Executor, id: string) {
  return selectRequestViews(db).where('cr.id', '=', id).executeTakeFirst();
}

export type ContactRequestView = NonNullable<Awaited<ReturnType<typeof findContactRequestView>>>;

/** Requests a principal received (`received`) or sent (`sent`), filtered by effective status. */
export interface ContactRequestListFilter {
  direction: 'received' | 'sent';
  principalId: string;
  status: ContactRequestStatusFilter;
}

export function listContactRequestViews(
  db: Executor,
  filter: ContactRequestListFilter,
  page: { limit: number; offset: number },
): Promise<ContactRequestView[]> {
  const column = filter.direction === 'received' ? 'cr.recipient_id' : 'cr.requester_id';
  return selectRequestViews(db)
    .where(column, '=', filter.principalId)
    .where((eb) => statusCondition(eb, filter.status))
    .orderBy('cr.inserted_at', 'desc')
    .orderBy('cr.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countContactRequests(db: Executor, filter: ContactRequestListFilter): Promise<number> {
  const column = filter.direction === 'received' ? 'cr.recipient_id' : 'cr.requester_id';
  const row = await db
    .selectFrom('contact_requests as cr')
    .select(sql<number>`count(*)`.as('n'))
    .where(column, '=', filter.principalId)
    .where((eb) => statusCondition(eb, filter.status))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
