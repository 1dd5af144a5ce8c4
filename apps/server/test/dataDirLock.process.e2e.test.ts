import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { restClient } from './harness/http.js';
import { runCli, type ServerProcess, startServerProcess } from './harness/serverProcess.js';

/**
 * The embedded database's lock against what operators meet after a crash: the dead server's lock
 * left behind, naming a process id that now belongs to someone else (or to the new server itself,
 * as a container's PID 1 is after an out-of-memory kill). A restart must succeed at once, and a
 * second live server must still be refused.
 */
const dirs: string[] = [];
function dataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'parley-lock-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const demoKeyOf = (server: ServerProcess) => /(thnv_u_\d+_[A-Za-z0-9]{32})/.exec(server.output())?.[1];

/** The lock file earlier versions wrote: a process id that was trusted if that process was alive. */
function writeLegacyLock(dir: string, pid: number) {
  writeFileSync(join(dir, 'parley.lock'), JSON.stringify({ pid, owner: 'server' }), { mode: 0o600 });
}

// A new PID namespace needs root (or user namespaces) and util-linux's unshare.
const unshare = ['unshare', '--pid', '--kill-child'];
const canUnshare = spawnSync(unshare[0] as string, [...unshare.slice(1), 'true']).status === 0;

describe('the embedded data directory lock', () => {
  it('restarts at once after SIGKILL, and the CLI reaches the new server', async () => {
    const dir = dataDir();
    const first = await startServerProcess({ PARLEY_DATA_DIR: dir });
    const demoKey = demoKeyOf(first);
    expect(await first.stop('SIGKILL')).toBeNull();
    expect(existsSync(join(dir, 'parley.sock'))).toBe(true); // left behind by the killed server

    const second = await startServerProcess({ PARLEY_DATA_DIR: dir });
    try {
      expect((await restClient(second.url).get('/me/profile', { key: demoKey })).status).toBe(200);
      // A second live server is refused, naming the holder.
      await expect(startServerProcess({ PARLEY_DATA_DIR: dir })).rejects.toThrow(
        new RegExp(`in use by server process ${second.child.pid}`),
      );
      const created = await runCli(
        ['users', 'create', '--org', 'after', '--handle', 'kim', '--email', 'k@after.test', '--json'],
        { PARLEY_DATA_DIR: dir },
      );
      expect(created.code, created.stderr).toBe(0);
      const { api_key } = JSON.parse(created.stdout) as { api_key: string };
      expect((await restClient(second.url).get('/me/profile', { key: api_key })).status).toBe(200);
    } finally {
      await second.stop();
    }
  }, 300_000);

  it('is not fooled by a lock naming a live unrelated process (PID 1, the test runner)', async () => {
    const dir = dataDir();
    let server = await startServerProcess({ PARLEY_DATA_DIR: dir });
    for (const pid of [1, process.pid]) {
      expect(await server.stop('SIGKILL')).toBeNull();
      writeLegacyLock(dir, pid);
      server = await startServerProcess({ PARLEY_DATA_DIR: dir });
      expect(server.output()).not.toContain('First start');
    }
    await server.stop();
  }, 300_000);

  it('lets exactly one of two servers started at once on one directory run', async () => {
    const dir = dataDir();
    const results = await Promise.allSettled([
      startServerProcess({ PARLEY_DATA_DIR: dir }),
      startServerProcess({ PARLEY_DATA_DIR: dir }),
    ]);
    const running = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    try {
      expect(running).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected');
      expect(String(refused?.status === 'rejected' && refused.reason)).toMatch(/in use by server process/);
    } finally {
      for (const server of running) await server.stop();
    }
  }, 300_000);

  it.runIf(canUnshare)(
    'restarts in a new PID namespace where the new server has the dead one’s process id (PID 1)',
    async () => {
      const dir = dataDir();
      const first = await startServerProcess({ PARLEY_DATA_DIR: dir }, unshare);
      const demoKey = demoKeyOf(first);
      // Both runs are PID 1 of their namespace: the lock names the new server's own id.
      await expect(startServerProcess({ PARLEY_DATA_DIR: dir })).rejects.toThrow(/in use by server process 1\b/);
      expect(await first.stop('SIGKILL')).toBeNull();
      writeLegacyLock(dir, 1);
      const second = await startServerProcess({ PARLEY_DATA_DIR: dir }, unshare);
      try {
        expect((await restClient(second.url).get('/me/profile', { key: demoKey })).status).toBe(200);
      } finally {
        // unshare ignores SIGTERM while it waits for its child; SIGKILL ends both (--kill-child).
        await second.stop('SIGKILL');
      }
    },
    300_000,
  );
});
