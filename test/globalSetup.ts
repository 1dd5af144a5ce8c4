import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Once per run: an embedded database with every migration applied, dumped to a file. Each test
 * file starts its own PGlite from that dump (about 2 s) instead of creating and migrating one
 * (6+ s). Skipped when DATABASE_URL is set: then each file gets a fresh Postgres schema.
 */
export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) return;
  const { openDatabase } = await import('../packages/db/src/openDatabase.js');
  const { migrateToLatest } = await import('../packages/db/src/migrate.js');
  const handle = await openDatabase({ kind: 'pglite' });
  await migrateToLatest(handle.db);
  const dump = await handle.pglite?.dumpDataDir('none');
  await handle.close();
  if (!dump) throw new Error('PGlite dump failed');
  const dir = mkdtempSync(join(tmpdir(), 'parley-template-'));
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
