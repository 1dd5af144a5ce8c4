import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite is single-process: two processes opening one data directory would corrupt it. Whoever
 * opens it (the server or the CLI) holds `parley.lock`; a running server also writes there how
 * the CLI can reach it (its admin URL and a token), so the CLI goes through the server instead.
 */
export interface DataDirLockInfo {
  pid: number;
  owner: 'server' | 'cli';
  adminUrl?: string;
  adminToken?: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirLockInfo,
  ) {
    super(`The data directory ${dataDir} is in use by ${holder.owner} process ${holder.pid}`);
    this.name = 'DataDirLockedError';
  }
}

const lockPath = (dataDir: string) => join(dataDir, 'parley.lock');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live holder of the lock, or undefined when the directory is free (a stale lock counts as free). */
export function readDataDirLock(dataDir: string): DataDirLockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as DataDirLockInfo;
    return typeof info.pid === 'number' && isAlive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

export interface DataDirLock {
  update(info: Partial<DataDirLockInfo>): void;
  release(): void;
}

/** Takes the lock or throws DataDirLockedError naming the live holder. */
export function acquireDataDirLock(dataDir: string, owner: DataDirLockInfo['owner']): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = lockPath(dataDir);
  let info: DataDirLockInfo = { pid: process.pid, owner };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeFileSync(fd, JSON.stringify(info));
      closeSync(fd);
      return {
        update(patch) {
          info = { ...info, ...patch };
          writeFileSync(path, JSON.stringify(info), { mode: 0o600 });
        },
        release() {
          const current = readDataDirLock(dataDir);
          if (!current || current.pid === process.pid) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readDataDirLock(dataDir);
      if (holder) throw new DataDirLockedError(dataDir, holder);
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
