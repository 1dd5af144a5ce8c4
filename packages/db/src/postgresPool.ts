import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { isConnectionFailure } from './connectionFailure.js';
import { statementName } from './namedStatements.js';

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
export function openPostgresPool(config: pg.PoolConfig): { pool: pg.Pool; kyselyPool: PostgresPool } {
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
        wrapper = new DiscardingClient(client);
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

/** A pooled client as Kysely uses it, which remembers a connection-level failure. */
class DiscardingClient implements PostgresPoolClient {
  private broken: unknown;

  constructor(private readonly client: pg.PoolClient) {}

  // Kysely calls `query(sql, parameters)` (no cursors: none is configured).
  query(sql: unknown, parameters?: unknown): never {
    if (this.broken !== undefined) return Promise.reject(this.broken) as never;
    const name = statementName(sql as string);
    const running = name
      ? this.client.query({ name, text: sql as string, values: parameters as unknown[] })
      : this.client.query(sql as string, parameters as unknown[]);
    return (running as Promise<unknown>).catch((error: unknown) => {
      if (isConnectionFailure(error)) this.broken = error;
      throw error;
    }) as never;
  }

  release(): void {
    const broken = this.broken !== undefined;
    this.broken = undefined;
    this.client.release(broken);
  }
}
