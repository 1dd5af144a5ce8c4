import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './database.js';
import { OutboxWakeup } from './outboxWakeup.js';
import {
  connectionSettings,
  type DatabaseTimeouts,
  DEFAULT_DATABASE_TIMEOUTS,
  openPostgresPool,
} from './postgresPool.js';
import { outboxChannel } from './repositories/eventOutbox.js';
import { textParsers } from './typeParsers.js';

export type DatabaseOptions =
  | {
      kind: 'postgres';
      url: string;
      /** Put every table in this schema (created if missing): one per test file. */
      schema?: string;
      poolSize?: number;
      /** How long to wait on the database before failing (defaults: `DEFAULT_DATABASE_TIMEOUTS`). */
      timeouts?: DatabaseTimeouts;
    }
  | {
      kind: 'pglite';
      /** Folder for the data files; omit for an in-memory database. */
      dataDir?: string;
      /** Start from a dump made by `PGlite.dumpDataDir()` (tests: a migrated template). */
      loadDataDir?: Blob | File;
    };

export interface DatabaseHandle {
  db: Kysely<DB>;
  kind: 'postgres' | 'pglite';
  /** Schema holding the tables (postgres) or `public`. */
  schema: string;
  /** The in-process engine, when embedded. */
  pglite?: PGlite;
  /** The connection settings a second connection would need (postgres). */
  poolConfig?: pg.PoolConfig;
  /** The connection pool (postgres), for its use in metrics. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const parser = textParsers[oid];
    if (parser && format !== 'binary') return parser;
    return pg.types.getTypeParser(oid, format);
  },
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens Postgres (through `pg`) or the embedded PGlite, with the same type parsing on both. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === 'postgres') {
    const schema = options.schema ?? 'public';
    if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name: ${schema}`);
    const timeouts = options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
    // `application_name` lets an operator tell Parley's connections apart in `pg_stat_activity`.
    const poolConfig = connectionSettings(
      {
        connectionString: options.url,
        max: options.poolSize ?? 10,
        options: `-c TimeZone=UTC -c search_path=${schema}`,
        types: pgTypes,
      },
      timeouts,
      'parley',
    );
    if (schema !== 'public') {
      const admin = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: timeouts.connectMs });
      admin.on('error', () => {});
      await admin.connect();
      try {
        await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      } finally {
        await admin.end();
      }
    }
    // Outbox wake-ups go out after commit, coalesced per instance (`outboxWakeup.ts`).
    const channel = outboxChannel(schema);
    let pool: pg.Pool | undefined;
    const wakeup = new OutboxWakeup(() => pool?.query('SELECT pg_notify($1, $2)', [channel, '']) ?? Promise.resolve());
    const opened = openPostgresPool(poolConfig, { outboxCommitted: () => wakeup.committed() });
    pool = opened.pool;
    const { kyselyPool } = opened;
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: kyselyPool }) });
    return { db, kind: 'postgres', schema, poolConfig, pool, close: () => db.destroy() };
  }

  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: textParsers,
  });
  await pglite.exec(`SET TIME ZONE 'UTC'`);
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    schema: 'public',
    pglite,
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Drops a test schema and everything in it. */
export async function dropSchema(handle: DatabaseHandle): Promise<void> {
  if (handle.kind !== 'postgres' || handle.schema === 'public') return;
  await sql.raw(`DROP SCHEMA IF EXISTS ${handle.schema} CASCADE`).execute(handle.db);
}
