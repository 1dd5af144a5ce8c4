#!/usr/bin/env node
// `pnpm build` (through turbo, which caches the result; see docs/build.md). From nothing, every
// time: no file of a deleted source and no compiler state survives into a build.
//   1. remove every package's dist/ and .cache/;
//   2. compile the TypeScript packages with one `tsc -b`, in two runs around the SDK's rollup
//      (the packages after it import the SDK's bundled declarations); meanwhile Vite builds the
//      web app, which takes only types from the workspace;
//   3. fail unless each package's dist/ holds every file its package.json promises.
// One compiler process for all packages, instead of one per package, halves the build: the
// declarations of zod, Kysely, Fastify and tRPC are read once, not nine times.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanOutputs, reportMissing } from './packageOutputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const rollup = join(root, 'packages/sdk/node_modules/.bin/rollup');

/** Up to and including the SDK, and what comes after its bundled declarations. */
const beforeBundle = [
  'packages/contracts',
  'packages/db',
  'packages/core',
  'packages/realtime',
  'packages/api',
  'packages/sdk',
  'apps/cli',
];
const afterBundle = ['packages/platform-agents', 'apps/server'];
const compiled = [...beforeBundle, ...afterBundle];

/** Runs a step with its output inherited; rejects naming the step when it fails. */
function run(step, command, args, cwd = root) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`build: ${step} failed (${signal ?? code})`)),
    );
  });
}

const tscBuild = (dirs) =>
  run(`tsc -b of ${dirs.join(', ')}`, process.execPath, [
    tsc,
    '-b',
    ...dirs.map((dir) => join(dir, 'tsconfig.build.json')),
  ]);

for (const dir of [...compiled, 'apps/web']) cleanOutputs(join(root, dir));

const web = run('the web app (vite)', 'pnpm', ['run', '--silent', 'build'], join(root, 'apps/web'));
try {
  await tscBuild(beforeBundle);
  await run(
    "the SDK's declaration bundle (rollup)",
    rollup,
    ['--silent', '-c', 'rollup.dts.config.mjs'],
    join(root, 'packages/sdk'),
  );
  await tscBuild(afterBundle);
  await web;
} catch (error) {
  // Let the other half finish its output first, so the log is not cut mid-line.
  await web.catch(() => {});
  console.error(error.message);
  process.exit(1);
}

const complete = [...compiled, 'apps/web'].map((dir) => reportMissing(join(root, dir)));
if (complete.includes(false)) process.exit(1);
