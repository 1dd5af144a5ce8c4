import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type ServerProcess, startServerProcess } from '../../../../apps/server/test/harness/serverProcess.js';
import { createHumanClient, type HumanClient } from '../../src/index.js';

export interface ParleyTestServer {
  url: string;
  /** A user of a fresh organization, and a human client calling with its key. */
  userKey: string;
  owner: HumanClient;
  process: ServerProcess;
  /** Stops the server (SIGTERM) and starts it again on the same port and database. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A port free right now, so that a restarted server comes back at the same address. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * The built server (`apps/server/dist/main.js`) as a child process, on a database of its own: a
 * fresh PostgreSQL database when DATABASE_URL is set, else the embedded database in a temporary
 * directory. One user is made through the CLI, as an operator would.
 */
export async function startParleyServer(env: Record<string, string> = {}): Promise<ParleyTestServer> {
  const database = await ownDatabase();
  let server: ServerProcess | undefined;
  const serverEnv = { ...database.env, PARLEY_SEED_DEMO: 'false', PORT: String(await freePort()), ...env };
  try {
    server = await startServerProcess(serverEnv);
    const handle = `sdk${randomBytes(3).toString('hex')}`;
    const created = await runCli(
      ['users', 'create', '--org', `org-${handle}`, '--handle', handle, '--email', `${handle}@sdk.test`, '--json'],
      database.env,
    );
    if (created.code !== 0) throw new Error(`parley users create failed: ${created.stderr}`);
    const userKey = (JSON.parse(created.stdout) as { api_key: string }).api_key;
    let running = server;
    return {
      url: running.url,
      userKey,
      owner: createHumanClient({ baseUrl: running.url, apiKey: userKey }),
      get process() {
        return running;
      },
      async restart() {
        await running.stop();
        running = await startServerProcess(serverEnv);
      },
      async stop() {
        await running.stop();
        await database.drop();
      },
    };
  } catch (error) {
    await server?.stop();
    await database.drop();
    throw error;
  }
}

async function ownDatabase(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'parley-sdk-'));
    return { env: { PARLEY_DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const { default: pg } = await import('pg');
  const name = `parley_sdk_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: own.toString() },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
