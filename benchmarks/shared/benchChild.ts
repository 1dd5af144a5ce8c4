import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** USER_HZ: the unit of /proc's CPU times, 100 on every Linux build this runs on. */
const CLOCK_TICKS = 100;

export interface BenchChild {
  url: string;
  /** The child's process id (to attach a profiler or `strace` from outside). */
  pid: number;
  /** Resident set size of the child right now, in bytes (Linux `/proc`). */
  rss(): number;
  /** CPU time the child has used so far (user + system), in seconds (Linux `/proc`). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/**
 * Starts a benchmark's server script in its own Node process (as production runs it, with
 * NODE_ENV=production; sources through tsx), so the load generator does not share its event loop,
 * and waits for it to print `listening <port>`. Its memory is measured from outside.
 * BENCH_SERVER_NODE_ARGS passes flags to that Node (e.g. `--cpu-prof` to profile it under load).
 */
export async function startBenchChild(file: string, env: Record<string, string>): Promise<BenchChild> {
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--conditions=@parley/source', '--import', 'tsx', file], {
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start within 60 s`)), 60_000);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening (\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with ${code}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    rss: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    cpuSeconds: () => {
      // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime, stime in ticks.
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    },
    stop: () => stop(child),
  };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
