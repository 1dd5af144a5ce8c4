import type { Executor } from '@parley/db/database';
import type { CoreDeps } from '../deps.js';
import { transact } from '../idempotency/transact.js';

/**
 * Runs a change made of one statement (a claim, a settlement). One statement is atomic on its own,
 * so it runs without BEGIN and COMMIT, one round trip; a request with an `Idempotency-Key` runs it
 * in the transaction that records its result (`transact`), so that the change and its record
 * commit together. `work` returns the value to record: the operation's whole result.
 */
export function oneStatement<T>(deps: CoreDeps, work: (db: Executor) => Promise<T>): Promise<T> {
  return deps.idempotency ? transact(deps, work) : work(deps.db);
}
