import { randomBytes } from 'node:crypto';
import { migrateToLatest } from '@parley/db/migrate';
import { type DatabaseHandle, openDatabase } from '@parley/db/openDatabase';
import pg from 'pg';

export const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/**
 * A database of the benchmark's own on the local Postgres, migrated; `drop` removes it (the run
 * drops it whatever happens). Nothing else on the server is touched.
 */
export async function createBenchDatabase(): Promise<{ url: string; handle: DatabaseHandle; drop(): Promise<void> }> {
  const name = `parley_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${POSTGRES}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = `${POSTGRES}/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
  await migrateToLatest(handle.db);
  return {
    url,
    handle,
    async drop() {
      await handle.close().catch(() => undefined);
      const client = new pg.Client({ connectionString: `${POSTGRES}/postgres` });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
