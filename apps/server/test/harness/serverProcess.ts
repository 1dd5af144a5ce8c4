import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const serverMain = `${repoRoot}apps/server/dist/main.js`;
export const cliMain = `${repoRoot}apps/cli/dist/main.js`;

function assertBuilt(file: string) {
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`pnpm build\` (pnpm test does) first`);
}

export interface ServerProcess {
  url: string;
  /** Everything the process printed so far. */
  output(): string;
  /** Sends a signal and resolves to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  child: ChildProcess;
}

/** Starts the built server (`pnpm start`'s entry point) and waits for it to listen. */
export async function startServerProcess(
  env: Record<string, string>,
  /** A command that runs the server, e.g. `['unshare', '--pid', '--kill-child']` for a PID namespace. */
  wrapper: string[] = [],
): Promise<ServerProcess> {
  assertBuilt(serverMain);
  const [command = process.execPath, ...args] = [...wrapper, process.execPath, serverMain];
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  // A signal death (code null) is reported with its signal and the output, to be diagnosable.
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      if (code === null) out += `\n[process ended by ${signal}]`;
      resolve(code);
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${out}`)), 60_000);
    const check = () => {
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs the built CLI; resolves to its exit code and output. */
export function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  assertBuilt(cliMain);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliMain, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
