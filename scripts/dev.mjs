#!/usr/bin/env node
// `pnpm dev`: the server from source with reload (tsx watch) and the web app's Vite dev server with
// hot reload, side by side. Vite proxies /api, /trpc, /docs and /healthz to the server
// (apps/web/vite.config.ts), so the app at http://127.0.0.1:5173 talks to this server. Output lines
// are prefixed with their process; Ctrl-C (or either process ending) stops both.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT || '3000';
const host = process.env.HOST || '127.0.0.1';
const apiUrl = process.env.PARLEY_API_URL || `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
const webPort = process.env.PARLEY_WEB_DEV_PORT || '5173';
const webUrl = `http://127.0.0.1:${webPort}`;

const processes = [
  {
    name: 'server',
    command: join(root, 'node_modules', '.bin', 'tsx'),
    args: ['watch', '--conditions=@parley/source', 'apps/server/src/main.ts'],
    cwd: root,
  },
  {
    name: 'web',
    command: join(root, 'apps', 'web', 'node_modules', '.bin', 'vite'),
    args: ['--port', webPort, '--strictPort'],
    cwd: join(root, 'apps', 'web'),
  },
];

const children = processes.map(({ name, command, args, cwd }) => {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, PARLEY_API_URL: apiUrl, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        // The server's sign-in links open the app on its own port; in dev the app is Vite's.
        const shown = name === 'server' ? line.replaceAll(`${apiUrl}/sign-in/link`, `${webUrl}/sign-in/link`) : line;
        (stream === child.stderr ? process.stderr : process.stdout).write(`${prefix}${shown}\n`);
      }
    });
  }
  child.on('exit', (code, signal) => {
    process.stdout.write(`${prefix}exited (${signal ?? code})\n`);
    stopAll(code ?? 1);
  });
  return child;
});

process.stdout.write(`[dev] the web app with hot reload: ${webUrl}/ (the API: ${apiUrl})\n`);

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  // The server drains for up to PARLEY_SHUTDOWN_TIMEOUT_MS (10 s by default).
  setTimeout(() => process.exit(code), 15_000).unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(() =>
    process.exit(code),
  );
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
// `pnpm dev` killed with SIGTERM does not pass the signal on: when the parent goes, stop too.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stopAll(0);
}, 1000).unref();
