import type { DB } from '@parley/db/database';
import { findIdempotencyEffect, recordIdempotencyEffect } from '@parley/db/repositories/idempotencyKeys';
import type { Transaction } from 'kysely';
import type { CoreDeps } from '../deps.js';
import { decodeEffect, encodeEffect } from './effectJson.js';

/**
 * The request's `Idempotency-Key` as the domain sees it (docs/idempotency-keys.md): which key row
 * records its effects, and how many transactions the request has opened so far (each is a slot).
 */
export interface IdempotencyContext {
  apiKeyHash: string;
  key: string;
  /** A run of the same request committed effects already: look them up before running. */
  resumed: boolean;
  /**
   * The next transaction's number within this request. It moves on only when a transaction
   * commits (or is replayed), so a transaction retried after a conflict keeps its number; a
   * request's transactions run one after another.
   */
  nextSlot: number;
  /** A transaction of this request is under way (set by `transact`). */
  busy?: boolean;
}

/** Thrown inside a transaction to roll it back and return another run's result instead. */
class AlreadyRecorded {
  constructor(readonly json: string) {}
}

/**
 * Runs a domain transaction. With an idempotency key on the request, the transaction's result is
 * recorded on the key's row before it commits, so the effect and its record commit together: a
 * retry after a crash between the commit and the response (or a failure after the commit) gets
 * the recorded result of each transaction instead of running it a second time. The record is
 * written last (one statement; its row lock makes two runs of the same slot serialize and the
 * later one roll back and adopt the first's result); a resumed request reads it first, so a
 * committed effect is never attempted again (its quota, for one, is not charged twice).
 */
export async function transact<T>(deps: CoreDeps, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const idem = deps.idempotency;
  // Transactions of one request run one after another; should two overlap, their numbers would
  // not say which is which, so the later one runs unrecorded rather than take the other's result.
  if (!idem || idem.busy) return deps.db.transaction().execute(work);
  idem.busy = true;
  try {
    return await recordedTransaction(deps, idem, work);
  } finally {
    idem.busy = false;
  }
}

async function recordedTransaction<T>(
  deps: CoreDeps,
  idem: IdempotencyContext,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  const slot = idem.nextSlot;
  const scope = { apiKeyHash: idem.apiKeyHash, key: idem.key };
  try {
    let fresh = false;
    const value = await deps.db.transaction().execute(async (trx) => {
      if (idem.resumed) {
        const prior = await findIdempotencyEffect(trx, scope, slot, { lock: true });
        if (prior !== undefined) return decodeEffect<T>(prior);
      }
      const result = await work(trx);
      const outcome = await recordIdempotencyEffect(trx, scope, slot, encodeEffect(result));
      if (outcome.kind === 'taken') throw new AlreadyRecorded(outcome.json);
      fresh = true;
      return result;
    });
    idem.nextSlot = slot + 1;
    if (fresh) await deps.faults?.afterIdempotentCommit?.();
    return value;
  } catch (error) {
    if (!(error instanceof AlreadyRecorded)) throw error;
    idem.nextSlot = slot + 1;
    return decodeEffect<T>(error.json);
  }
}
