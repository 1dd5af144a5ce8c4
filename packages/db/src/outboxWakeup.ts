/**
 * Marks the statement that appends outbox rows, so the pool can tell a transaction that wrote
 * some (`postgresPool.ts`) without knowing the repositories. A comment: the SQL runs unchanged.
 */
export const OUTBOX_APPEND_MARK = '/* parley:outbox-append */';

/**
 * Wakes the outbox readers of every instance after commits that appended outbox rows: one
 * NOTIFY at a time per instance, sent after the commit it announces. A commit while one is in
 * flight asks for one more after it, so every commit is followed by a NOTIFY sent after it,
 * however many commits share it.
 *
 * Why not NOTIFY inside the writing transaction: PostgreSQL queues notifications at commit under
 * one lock for the whole server, so every writing transaction of every room would take turns on
 * it (`Lock:object` in `pg_stat_activity`). Here only this sender takes it, off the writers' path.
 * A NOTIFY lost to a crash between commit and send is covered by the readers' safety poll.
 */
export class OutboxWakeup {
  private inFlight = false;
  private pending = false;

  constructor(
    private readonly send: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** A transaction that appended outbox rows has committed. */
  committed(): void {
    if (this.inFlight) {
      this.pending = true;
      return;
    }
    this.fire();
  }

  private fire(): void {
    this.inFlight = true;
    this.pending = false;
    this.send()
      .catch(this.onError)
      .finally(() => {
        this.inFlight = false;
        if (this.pending) this.fire();
      });
  }
}
