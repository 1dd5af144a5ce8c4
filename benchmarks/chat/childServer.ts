import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs one of the benchmark's servers in its own Node process (as production runs it, with
 * NODE_ENV=production), so that the load generator in this process does not share its event loop.
 */
export async function startChildServer(script: 'parleyServer' | 'bareServer', env: Record<string, string>) {
  const file = fileURLToPath(new URL(`./${script}.ts`, import.meta.url));
  // BENCH_SERVER_NODE_ARGS passes flags to the server's Node (e.g. `--cpu-prof` to profile it under load).
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--conditions=@parley/source', '--import', 'tsx', file], {
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 60 s`)), 60_000);
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const m = /listening (\d+)/.exec(buffered);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}`));
    });
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => stopChild(child) } satisfies ChildServer;
}

function stopChild(child: ChildProcess): Promise<void> {
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
