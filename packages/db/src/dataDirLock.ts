import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, lstatSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join, relative } from 'node:path';

/**
 * PGlite is single-process: two processes opening one data directory would corrupt it. Whoever
 * opens it (the server or the CLI) holds the directory's lock; a running server also tells through
 * the lock how the CLI can reach it (its admin URL and a token), so the CLI goes through the server.
 *
 * The lock is a Unix domain socket, `parley.sock` in the data directory, that the holder listens
 * on: the kernel closes it when the holder dies however it dies, so a connection that succeeds
 * proves a live holder and a refused one proves a stale file. No process id is involved, so a
 * reused id (a container's PID 1 after a kill) cannot fool it. The holder answers each connection
 * with its {@link DataDirLockInfo}; the socket is readable only by its owner (it carries the admin
 * token). Why and how: docs/embedded-data-dir-lock.md.
 */
export interface DataDirLockInfo {
  pid: number;
  owner: 'server' | 'cli';
  adminUrl?: string;
  adminToken?: string;
}

export class DataDirLockedError extends Error {
  readonly dataDir: string;
  readonly holder: DataDirLockInfo;
  // Plain fields, no parameter properties: the lock's tests run this file in child processes by
  // Node's own type stripping.
  constructor(dataDir: string, holder: DataDirLockInfo) {
    super(
      `The data directory ${dataDir} is in use by ${holder.pid ? `${holder.owner} process ${holder.pid}` : 'another process'}` +
        ' (a second process may not open the embedded database; stop the other one or use another PARLEY_DATA_DIR)',
    );
    this.name = 'DataDirLockedError';
    this.dataDir = dataDir;
    this.holder = holder;
  }
}

const LOCK_SOCKET = 'parley.sock';
/** Held for the few milliseconds of a take-over, so that two starters never both replace a stale lock. */
const TAKEOVER_SOCKET = 'parley.sock.takeover';
/** The pid-based lock file of earlier versions: removed on take-over, never trusted. */
const LEGACY_LOCK_FILE = 'parley.lock';
/** `sun_path` holds 108 bytes on Linux, 104 on macOS, with the terminating zero. */
const MAX_SOCKET_PATH = 103;

/** The address to bind or connect to: the absolute path, or the relative one when only that fits. */
function socketAddress(file: string): string {
  if (Buffer.byteLength(file) <= MAX_SOCKET_PATH) return file;
  const rel = relative(process.cwd(), file);
  if (Buffer.byteLength(rel) <= MAX_SOCKET_PATH) return rel;
  throw new Error(
    `The data directory path is too long for its lock socket ${file} (at most ${MAX_SOCKET_PATH} bytes): use a shorter PARLEY_DATA_DIR`,
  );
}

type Probe = { state: 'live'; info: DataDirLockInfo | undefined } | { state: 'free' } | { state: 'closing' };

/** Connects to a lock socket: a live holder answers with its info; refused or absent means free. */
function probe(file: string): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const socket = connect({ path: socketAddress(file) });
    let text = '';
    let connected = false;
    socket.on('connect', () => {
      connected = true;
    });
    socket.setEncoding('utf8');
    socket.setTimeout(5_000, () => socket.destroy());
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('close', () => {
      if (!connected) return; // the error handler answers
      let info: DataDirLockInfo | undefined;
      try {
        info = JSON.parse(text) as DataDirLockInfo;
      } catch {
        info = undefined; // live but silent (a take-over socket, or a holder closing): still live
      }
      resolve({ state: 'live', info });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (connected) return; // after connecting, 'close' answers
      // Nobody listens on a socket file whose process died: the kernel refuses the connection.
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT' || error.code === 'ENOTSOCK')
        resolve({ state: 'free' });
      else if (error.code === 'EAGAIN')
        resolve({ state: 'live', info: undefined }); // backlog full
      else if (error.code === 'ECONNRESET')
        resolve({ state: 'closing' }); // the holder is letting go
      else reject(error);
    });
  });
}

/**
 * A socket is bound and then listened on in two system calls; a connection in between is refused.
 * A refusal is believed only when a second probe a moment later agrees.
 */
async function probeTwice(file: string): Promise<Exclude<Probe, { state: 'closing' }>> {
  let refusals = 0;
  for (let attempt = 0; attempt < 20; attempt++) {
    const found = await probe(file);
    if (found.state === 'live') return found;
    if (found.state === 'free' && ++refusals === 2) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  return { state: 'live', info: undefined }; // reset again and again: someone is there
}

/** Listens on `file`, or resolves undefined when the path exists (bind never replaces a file). */
function listenExclusive(file: string, answer: () => string): Promise<Server | undefined> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => {
      socket.on('error', () => {});
      socket.end(answer());
    });
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(undefined);
      else reject(error);
    });
    server.listen({ path: socketAddress(file), exclusive: true }, () => {
      server.unref(); // a lock never keeps a process alive
      try {
        chmodSync(file, 0o600); // it carries the admin token
      } catch {
        // Removed between bind and listen by a starter that took it for stale: not ours to hold.
        server.close();
        resolve(undefined);
        return;
      }
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Removes a stale socket file without removing a fresh one that replaced it meanwhile: move it
 * aside under a unique name, and put it back if it is not the file that was found stale.
 */
function removeStale(file: string, staleIno: number | undefined) {
  // No file when it was looked at: whatever is there now was made since, so it is not stale.
  if (staleIno === undefined) return;
  const aside = `${file}.stale-${randomBytes(6).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // gone already
  }
  if (lstatSync(aside).ino !== staleIno) {
    try {
      linkSync(aside, file);
    } catch {
      // somebody else created the file meanwhile: theirs stays
    }
  }
  rmSync(aside, { force: true });
}

function inode(file: string): number | undefined {
  try {
    return lstatSync(file).ino;
  } catch {
    return undefined;
  }
}

/** The live holder of the lock, or undefined when the directory is free (a stale lock counts as free). */
export async function readDataDirLock(dataDir: string): Promise<DataDirLockInfo | undefined> {
  const found = await probeTwice(join(dataDir, LOCK_SOCKET));
  return found.state === 'live' ? found.info : undefined;
}

export interface DataDirLock {
  update(info: Partial<DataDirLockInfo>): void;
  release(): Promise<void>;
}

/** Takes the take-over lock, waiting while another starter holds it; clears one left by a crash. */
async function takeoverLock(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, TAKEOVER_SOCKET);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const server = await listenExclusive(file, () => '');
    if (server) {
      return async () => {
        // Unlink before closing: nobody may see our file without a listener behind it.
        rmSync(file, { force: true });
        await closeServer(server);
      };
    }
    const ino = inode(file);
    if ((await probeTwice(file)).state === 'free') removeStale(file, ino);
    else await new Promise((r) => setTimeout(r, 10 + Math.random() * 40));
  }
  throw new Error(`could not lock ${dataDir}: another process kept its take-over lock for 30 s`);
}

/** Takes the lock or throws DataDirLockedError naming the live holder. */
export async function acquireDataDirLock(dataDir: string, owner: DataDirLockInfo['owner']): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_SOCKET);
  let info: DataDirLockInfo = { pid: process.pid, owner };
  const releaseTakeover = await takeoverLock(dataDir);
  let server: Server | undefined;
  try {
    // Every starter binds the lock socket only while holding the take-over lock, so what is found
    // here cannot change underneath: live refuses, stale is replaced.
    const found = await probeTwice(file);
    if (found.state === 'live') {
      throw new DataDirLockedError(dataDir, found.info ?? { pid: 0, owner: 'server' });
    }
    rmSync(file, { force: true });
    rmSync(join(dataDir, LEGACY_LOCK_FILE), { force: true });
    server = await listenExclusive(file, () => JSON.stringify(info));
    if (!server) throw new Error(`could not lock ${dataDir}: ${file} appeared during the take-over`);
  } finally {
    await releaseTakeover();
  }
  const held = server;
  let released = false;
  return {
    update(patch) {
      info = { ...info, ...patch };
    },
    async release() {
      if (released) return;
      released = true;
      rmSync(file, { force: true });
      await closeServer(held);
    },
  };
}
