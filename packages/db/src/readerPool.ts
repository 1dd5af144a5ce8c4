import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from './database.js';
import type { DatabaseHandle } from './openDatabase.js';
import { openPostgresPool } from './postgresPool.js';

/**
 * A few connections of their own for a background reader (the realtime tail), so its queries
 * never wait in line behind request traffic when the main pool is busy. The embedded database has
 * a single connection: there the reader shares it.
 */
export function openReaderPool(handle: DatabaseHandle, size = 2): { db: Kysely<DB>; close(): Promise<void> } {
  if (handle.kind !== 'postgres' || !handle.poolConfig) return { db: handle.db, close: async () => {} };
  const { kyselyPool } = openPostgresPool({ ...handle.poolConfig, max: size, application_name: 'parley-reader' });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: kyselyPool }) });
  return { db, close: () => db.destroy() };
}
