import pg from 'pg';
import type { DatabaseHandle } from './openDatabase.js';

/**
 * Exclusive, instance-wide leases on named things (a platform agent's loop), held as
 * session-level Postgres advisory locks on one dedicated connection: another instance cannot take
 * a lease this one holds, and when this instance dies (or its connection does) Postgres releases
 * all of them at once, so another instance takes over. The embedded database is a single process:
 * every lease is granted.
 */
export interface AdvisoryLeases {
  /** Takes the leases it can of `keys`; answers the keys this instance now holds among them. */
  tryAcquire(keys: readonly string[]): Promise<Set<string>>;
  release(key: string): Promise<void>;
  close(): Promise<void>;
}

export interface LeaseOptions {
  /** The lock class: keys of different namespaces never collide. */
  namespace: number;
  /** The connection was lost: every lease is gone, and whatever ran under them must stop. */
  onLost(error: unknown): void;
  /** Names the connection in `pg_stat_activity`. */
  applicationName?: string;
}

export function openAdvisoryLeases(handle: DatabaseHandle, options: LeaseOptions): AdvisoryLeases {
  if (handle.kind === 'pglite') {
    return { tryAcquire: async (keys) => new Set(keys), release: async () => {}, close: async () => {} };
  }
  if (!handle.poolConfig) throw new Error('a Postgres handle needs its pool settings for leases');
  const config: pg.ClientConfig = {
    ...handle.poolConfig,
    keepAlive: true,
    application_name: options.applicationName ?? 'parley-leases',
  };
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;

  const lost = (c: pg.Client, error: unknown) => {
    if (client !== c) return;
    client = null;
    c.removeAllListeners('end');
    c.end().catch(() => {});
    options.onLost(error);
  };

  const connection = async (): Promise<pg.Client> => {
    if (client) return client;
    connecting ??= (async () => {
      const c = new pg.Client(config);
      c.on('error', (error) => lost(c, error));
      c.on('end', () => lost(c, new Error('the lease connection ended')));
      try {
        await c.connect();
      } catch (error) {
        c.removeAllListeners('end');
        throw error;
      }
      client = c;
      return c;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  };

  return {
    async tryAcquire(keys) {
      if (closed || keys.length === 0) return new Set();
      const c = await connection();
      // hashtext folds a key to the lock's 32-bit id; a collision only means one instance runs both.
      const result = await c.query<{ key: string; held: boolean }>(
        'SELECT key, pg_try_advisory_lock($1::int, hashtext(key)) AS held FROM unnest($2::text[]) AS key',
        [options.namespace, keys],
      );
      return new Set(result.rows.filter((r) => r.held).map((r) => r.key));
    },
    async release(key) {
      const c = client;
      if (!c || closed) return;
      await c.query('SELECT pg_advisory_unlock($1::int, hashtext($2))', [options.namespace, key]).catch(() => {});
    },
    async close() {
      closed = true;
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners('end');
        c.removeAllListeners('error');
        c.on('error', () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
