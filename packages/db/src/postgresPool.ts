import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { isConnectionFailure } from './connectionFailure.js';
import { OUTBOX_APPEND_MARK } from './outboxWakeup.js';
import { serverSideName } from './preparedQuery.js';

/**
 * How long the server waits on PostgreSQL before it gives up and answers 503: so that a database
 * that is down or hung fails requests within seconds instead of holding them open.
 */
export interface DatabaseTimeouts {
  /** Opening a connection, and waiting for a free one in the pool. */
  connectMs: number;
  /** One statement (PostgreSQL's `statement_timeout`); the client stops waiting a little later. 0: none. */
  statementMs: number;
  /** A transaction left idle this long is ended by the database (`idle_in_transaction_session_timeout`). 0: none. */
  idleInTransactionMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  connectMs: 5_000,
  statementMs: 10_000,
  idleInTransactionMs: 30_000,
};

/** The client gives a statement this much longer than the server does, then drops the connection. */
const CLIENT_GRACE_MS = 2_000;

/** Connection settings for every connection of one instance (pool, reader pool, listener). */
export function connectionSettings(
  base: pg.PoolConfig,
  timeouts: DatabaseTimeouts,
  applicationName: string,
): pg.PoolConfig {
  return {
    ...base,
    application_name: applicationName,
    connectionTimeoutMillis: timeouts.connectMs,
    ...(timeouts.statementMs > 0
      ? { statement_timeout: timeouts.statementMs, query_timeout: timeouts.statementMs + CLIENT_GRACE_MS }
      : {}),
    ...(timeouts.idleInTransactionMs > 0 ? { idle_in_transaction_session_timeout: timeouts.idleInTransactionMs } : {}),
    keepAlive: true,
  };
}

/**
 * A `pg` pool that survives the database dropping its connections, wrapped for Kysely.
 *
 * `pg` emits `error` on a client whose connection dies; the pool listens only while the client is
 * idle, so a client that is checked out (between two statements of a request) would crash the
 * process with an unhandled `error` event. Every client gets a listener of its own for its whole
 * life. A client whose statement failed at the connection level (cut, or no answer within
 * `query_timeout`) refuses further statements at once and is destroyed on release rather than
 * handed to the next request.
 */
export function openPostgresPool(
  config: pg.PoolConfig,
  hooks: { outboxCommitted?: () => void } = {},
): { pool: pg.Pool; kyselyPool: PostgresPool } {
  const pool = new pg.Pool(config);
  // An idle client that loses its connection: the pool drops it, nothing else to do.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const wrappers = new WeakMap<pg.PoolClient, DiscardingClient>();
  const kyselyPool: PostgresPool = {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = new DiscardingClient(client, hooks.outboxCommitted);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
    // Kysely cancels a query through a separate connection built from these.
    Client: pg.Client,
    options: pool.options,
  };
  return { pool, kyselyPool };
}

/**
 * A pooled client as Kysely uses it, which remembers a connection-level failure, and tells
 * `outboxCommitted` when a transaction that appended outbox rows has committed (Kysely ends its
 * transactions with a plain `commit` or `rollback` on the same client).
 */
class DiscardingClient implements PostgresPoolClient {
  private broken: unknown;
  private wroteOutbox = false;
  private inTransaction = false;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly outboxCommitted?: () => void,
  ) {}

  // Kysely calls `query(sql, parameters)` (no cursors: none is configured).
  query(sql: unknown, parameters?: unknown): never {
    if (this.broken !== undefined) return Promise.reject(this.broken) as never;
    const text = sql as string;
    // Committed by this statement: a `commit` after outbox rows, or outbox rows outside a transaction.
    let committing = false;
    if (this.outboxCommitted) {
      if (text.startsWith(OUTBOX_APPEND_MARK)) {
        if (this.inTransaction) this.wroteOutbox = true;
        else committing = true;
      } else if (text === 'commit' || text === 'rollback') {
        committing = text === 'commit' && this.wroteOutbox;
        this.wroteOutbox = false;
        this.inTransaction = false;
      } else if (text === 'begin' || text.startsWith('start transaction')) this.inTransaction = true;
    }
    const name = serverSideName(text);
    const values = parameters as unknown[];
    const running = (
      name ? this.client.query({ name, text, values }) : this.client.query(text, values)
    ) as Promise<pg.QueryResult>;
    return running.then(
      (result) => {
        // A transaction aborted by an earlier error answers `commit` with ROLLBACK.
        if (committing && result.command !== 'ROLLBACK') this.outboxCommitted?.();
        return result;
      },
      (error: unknown) => {
        if (isConnectionFailure(error)) this.broken = error;
        throw error;
      },
    ) as never;
  }

  release(): void {
    const broken = this.broken !== undefined;
    this.broken = undefined;
    this.wroteOutbox = false;
    this.inTransaction = false;
    this.client.release(broken);
  }
}
