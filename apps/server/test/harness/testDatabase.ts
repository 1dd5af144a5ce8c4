import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { migrateToLatest } from '@parley/db/migrate';
import { type DatabaseHandle, dropSchema, openDatabase } from '@parley/db/openDatabase';
import { inject } from 'vitest';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Drops the schema (Postgres) and closes the connections. */
  destroy(): Promise<void>;
}

/**
 * A database of this test file's own: a fresh schema on the Postgres of `DATABASE_URL`, or an
 * in-memory PGlite started from the migrated template. Migrated either way.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const handle = await openDatabase({ kind: 'postgres', url, schema, poolSize: 8 });
    await migrateToLatest(handle.db, schema);
    return {
      handle,
      async destroy() {
        await dropSchema(handle);
        await handle.close();
      },
    };
  }
  const template = inject('pgliteTemplate');
  const handle = await openDatabase({
    kind: 'pglite',
    ...(template ? { loadDataDir: new Blob([readFileSync(template)]) } : {}),
  });
  await migrateToLatest(handle.db);
  return { handle, destroy: () => handle.close() };
}
