import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, readDataDirLock } from './dataDirLock.js';

const lockModule = new URL('./dataDirLock.ts', import.meta.url).pathname;
const dirs: string[] = [];
const children: ChildProcess[] = [];
function dataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'parley-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Another process (Node running the lock's source by type stripping) that tries to take the lock and reports. */
function lockInChild(dir: string): { child: ChildProcess; outcome: Promise<string> } {
  const script = `
    const { acquireDataDirLock } = await import(${JSON.stringify(lockModule)});
    try {
      const lock = await acquireDataDirLock(${JSON.stringify(dir)}, 'server');
      lock.update({ adminUrl: 'http://127.0.0.1:9', adminToken: 'child-token' });
      process.stdout.write('held\\n');
      setInterval(() => {}, 1000);
    } catch (error) {
      process.stdout.write('refused: ' + error.message + '\\n');
      process.exit(0);
    }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  const outcome = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('exit', () => reject(new Error(`child ended without a word: ${out}`)));
  });
  return { child, outcome };
}

function killed(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('the data directory lock', () => {
  it('refuses a second holder while the first lives and tells who holds it', async () => {
    const dir = dataDir();
    const held = lockInChild(dir);
    expect(await held.outcome).toBe('held');
    const error = await acquireDataDirLock(dir, 'cli').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(`in use by server process ${held.child.pid}`);
    // The CLI finds how to reach the holder through the lock itself.
    expect(await readDataDirLock(dir)).toEqual({
      pid: held.child.pid,
      owner: 'server',
      adminUrl: 'http://127.0.0.1:9',
      adminToken: 'child-token',
    });
  });

  it('is taken over at once after its holder was killed with SIGKILL', async () => {
    const dir = dataDir();
    const held = lockInChild(dir);
    expect(await held.outcome).toBe('held');
    await killed(held.child);
    expect(existsSync(join(dir, 'parley.sock'))).toBe(true); // the dead holder's file stays behind
    expect(await readDataDirLock(dir)).toBeUndefined();
    const lock = await acquireDataDirLock(dir, 'server');
    expect((await readDataDirLock(dir))?.pid).toBe(process.pid);
    await lock.release();
    expect(await readDataDirLock(dir)).toBeUndefined();
  });

  it('ignores a process id left in an old lock file, even one of a live process or its own', async () => {
    for (const pid of [1, process.pid, process.ppid]) {
      const dir = dataDir();
      writeFileSync(join(dir, 'parley.lock'), JSON.stringify({ pid, owner: 'server' }));
      const lock = await acquireDataDirLock(dir, 'server');
      expect(existsSync(join(dir, 'parley.lock'))).toBe(false);
      await lock.release();
    }
  });

  it('lets exactly one of several concurrent starters win over a stale lock', async () => {
    const dir = dataDir();
    const first = lockInChild(dir);
    expect(await first.outcome).toBe('held');
    await killed(first.child);
    const starters = Array.from({ length: 4 }, () => lockInChild(dir));
    const outcomes = await Promise.all(starters.map((s) => s.outcome));
    expect(outcomes.filter((o) => o === 'held')).toHaveLength(1);
    expect(outcomes.filter((o) => o.startsWith('refused: ') && o.includes('in use by server process'))).toHaveLength(3);
  });

  it('keeps to one winner and crashes no starter through rounds of take-overs by many at once', async () => {
    // Starters that find the take-over lock between one holder removing it and the next making it
    // used to remove the new one, and its maker crashed on its own missing file.
    const dir = dataDir();
    for (let round = 0; round < 6; round++) {
      const starters = Array.from({ length: 8 }, () => lockInChild(dir));
      const outcomes = await Promise.all(starters.map((s) => s.outcome));
      expect(outcomes.filter((o) => o === 'held')).toHaveLength(1);
      expect(outcomes.filter((o) => o.startsWith('refused: ') && o.includes('in use by server process'))).toHaveLength(
        7,
      );
      const winner = starters[outcomes.indexOf('held')];
      if (winner) await killed(winner.child);
    }
  }, 60_000);

  it('lets exactly one of concurrent starters in one process win', async () => {
    const dir = dataDir();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => acquireDataDirLock(dir, 'cli')));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DataDirLockedError);
    if (won[0]?.status === 'fulfilled') await won[0].value.release();
  });

  it('clears a take-over lock left by a starter that died in the middle of one', async () => {
    const dir = dataDir();
    const held = lockInChild(dir);
    expect(await held.outcome).toBe('held');
    await killed(held.child);
    // Leave a dead socket at the take-over path, as a starter killed mid take-over would.
    const { renameSync } = await import('node:fs');
    renameSync(join(dir, 'parley.sock'), join(dir, 'parley.sock.takeover'));
    const lock = await acquireDataDirLock(dir, 'server');
    expect(existsSync(join(dir, 'parley.sock.takeover'))).toBe(false);
    await lock.release();
  });
});
