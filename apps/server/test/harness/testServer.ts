import type { CoreFaults } from '@parley/core/deps';
import { openDatabase } from '@parley/db/openDatabase';
import { buildServer, type ParleyServer } from '../../src/buildServer.js';
import { loadConfig } from '../../src/config.js';
import { openTestDatabase } from './testDatabase.js';

export interface TestServer {
  url: string;
  server: ParleyServer;
  close(): Promise<void>;
}

/**
 * A real server on a free port over this file's own database. `env` overrides configuration the
 * way environment variables would (rate limits, plan limits…).
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { faults?: CoreFaults } = {},
): Promise<TestServer> {
  const database = await openTestDatabase();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PARLEY_SEED_DEMO: 'false', ...env });
  const server = await buildServer({ config, database: database.handle, logger: false, ...options });
  const url = await server.start();
  return {
    url,
    server,
    async close() {
      await server.app.close();
      await database.destroy();
    },
  };
}

/** A second server on the first one's Postgres schema (multi-instance tests; Postgres only). */
export interface SecondInstance {
  server: ParleyServer;
  url: string;
  close(): Promise<void>;
}

export async function startSecondInstance(
  first: TestServer,
  env: Record<string, string> = {},
): Promise<SecondInstance> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('a second instance shares a PostgreSQL schema: set DATABASE_URL');
  const database = await openDatabase({ kind: 'postgres', url, schema: first.server.database.schema, poolSize: 4 });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PARLEY_SEED_DEMO: 'false', ...env });
  const server = await buildServer({ config, database, logger: false });
  return {
    server,
    url: await server.start(),
    async close() {
      await server.app.close();
      await database.close();
    },
  };
}
