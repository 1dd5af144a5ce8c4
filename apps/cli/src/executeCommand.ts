import { resolve } from 'node:path';
import type { AdminCommand } from '@parley/contracts/adminCommand';
import { type AdminResult, runAdminCommand } from '@parley/core/admin/runAdminCommand';
import { acquireDataDirLock, readDataDirLock } from '@parley/db/dataDirLock';
import { migrateToLatest } from '@parley/db/migrate';
import { type DatabaseHandle, openDatabase } from '@parley/db/openDatabase';
import { DEFAULT_DATABASE_TIMEOUTS } from '@parley/db/postgresPool';

/** A failure to report to the operator: the API's error code and message. */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

export interface CliEnv {
  DATABASE_URL?: string | undefined;
  PARLEY_DATA_DIR?: string | undefined;
}

async function runOn(handle: DatabaseHandle, command: AdminCommand): Promise<AdminResult> {
  const migrate = () => migrateToLatest(handle.db, handle.schema);
  // Every command but `migrate` needs the schema: bring it up to date first (idempotent).
  if (command.command !== 'migrate') await migrate();
  // The CLI keeps the server's default limits: it only stores limits, it never enforces them.
  const deps = { db: handle.db, defaultLimits: { agents: null, chats: null, participants: null, messages: null } };
  return runAdminCommand(deps, command, migrate);
}

async function sendToServer(adminUrl: string, token: string, command: AdminCommand): Promise<AdminResult> {
  const response = await fetch(`${adminUrl}/internal/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-parley-admin-token': token },
    body: JSON.stringify(command),
  });
  const body = (await response.json()) as {
    result?: AdminResult;
    error?: { code: string; message: string; details?: unknown };
  };
  if (!response.ok || !body.result) {
    throw new CommandError(
      body.error?.code ?? 'internal_error',
      body.error?.message ?? `server answered ${response.status}`,
      body.error?.details,
    );
  }
  return body.result;
}

/**
 * Runs a command where the data is: on PostgreSQL directly (any number of processes may connect);
 * on the embedded database through the server that holds it, when one is running, or else by
 * opening the data directory itself under the same lock the server takes.
 */
export async function executeCommand(command: AdminCommand, env: CliEnv): Promise<AdminResult> {
  try {
    if (env.DATABASE_URL) {
      // Operator commands (a long migration) are not held to the server's per-statement limits.
      const timeouts = { ...DEFAULT_DATABASE_TIMEOUTS, statementMs: 0, idleInTransactionMs: 0 };
      const handle = await openDatabase({ kind: 'postgres', url: env.DATABASE_URL, poolSize: 2, timeouts });
      try {
        return await runOn(handle, command);
      } finally {
        await handle.close();
      }
    }
    const dataDir = resolve(env.PARLEY_DATA_DIR || './.data');
    const holder = await readDataDirLock(dataDir);
    if (holder?.owner === 'server' && holder.adminUrl && holder.adminToken) {
      return await sendToServer(holder.adminUrl, holder.adminToken, command);
    }
    const lock = await acquireDataDirLock(dataDir, 'cli');
    try {
      const handle = await openDatabase({ kind: 'pglite', dataDir: `${dataDir}/pgdata` });
      try {
        return await runOn(handle, command);
      } finally {
        await handle.close();
      }
    } finally {
      await lock.release();
    }
  } catch (error) {
    if (error instanceof CommandError) throw error;
    const e = error as { code?: unknown; message?: string; details?: unknown; name?: string };
    if (e.name === 'AppError' && typeof e.code === 'string') throw new CommandError(e.code, e.message ?? '', e.details);
    throw error;
  }
}
