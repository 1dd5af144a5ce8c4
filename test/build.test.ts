import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without declarations
import { missingFiles } from '../scripts/packageOutputs.mjs';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');

/**
 * A copy of the working tree (the files git tracks or would track) with the installed
 * node_modules linked in, so that builds here never touch the workspace's own dist/ folders, which
 * other test files use.
 */
async function copyWorkspace(): Promise<string> {
  const target = mkdtempSync(join(tmpdir(), 'parley-build-'));
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  for (const file of stdout.split('\0')) {
    if (!file || !existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(root, file), join(target, file));
  }
  symlinkSync(join(root, 'node_modules'), join(target, 'node_modules'));
  // Each package's node_modules holds relative links (to the store and to sibling packages).
  for (const group of ['apps', 'packages']) {
    for (const name of readdirSync(join(root, group))) {
      const modules = join(root, group, name, 'node_modules');
      if (existsSync(modules)) {
        cpSync(modules, join(target, group, name, 'node_modules'), { recursive: true, verbatimSymlinks: true });
      }
    }
  }
  return target;
}

/** `pnpm build`: the whole workspace, through turbo and its cache. */
async function build(workspace: string, ...flags: string[]): Promise<void> {
  await run(join(workspace, 'node_modules/.bin/turbo'), ['run', 'build:workspace', ...flags], {
    cwd: workspace,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
    timeout: 600_000,
  });
}

/** Imports built modules with plain Node (no source condition), as `pnpm start` would. */
async function importBuilt(workspace: string): Promise<string> {
  const script = [
    "const { AppError } = await import('@parley/core/appError');",
    "const { migrations } = await import('@parley/db/migrations/index');",
    'console.log(typeof AppError, Object.keys(migrations).length > 0);',
  ].join('\n');
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: join(workspace, 'packages/api'),
  });
  return stdout.trim();
}

const removeDists = (workspace: string) => {
  for (const name of readdirSync(join(workspace, 'packages'))) {
    rmSync(join(workspace, 'packages', name, 'dist'), { recursive: true, force: true });
  }
};

describe('a build from any state of the working tree', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await copyWorkspace();
    await build(workspace);
  }, 900_000);
  afterAll(() => {
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('rebuilds deleted dist/ folders from turbo’s cache', async () => {
    expect(await importBuilt(workspace)).toBe('function true');
    removeDists(workspace);
    await build(workspace);
    expect(missingFiles(join(workspace, 'packages/core'))).toEqual([]);
    expect(await importBuilt(workspace)).toBe('function true');
  }, 600_000);

  it('rebuilds deleted dist/ folders with --force (no leftover compiler state skips emitting)', async () => {
    removeDists(workspace);
    await build(workspace, '--force');
    for (const name of ['contracts', 'db', 'core']) {
      expect(missingFiles(join(workspace, 'packages', name))).toEqual([]);
    }
    expect(await importBuilt(workspace)).toBe('function true');
  }, 600_000);

  it('fails, and so caches nothing, when the output lacks what the package exports', async () => {
    const contracts = join(workspace, 'packages/contracts');
    const manifest = join(contracts, 'package.json');
    const original = JSON.parse(readFileSync(manifest, 'utf8'));
    const broken = {
      ...original,
      exports: { ...original.exports, './notBuilt': { types: './dist/notBuilt.d.ts', default: './dist/notBuilt.js' } },
    };
    writeFileSync(manifest, JSON.stringify(broken, null, 2));
    const failure = await build(workspace).catch((error: { stdout: string; stderr: string }) => error);
    expect(failure).toBeDefined();
    expect(`${failure?.stdout}${failure?.stderr}`).toContain('missing ./notBuilt (default): ./dist/notBuilt.js');
    writeFileSync(manifest, JSON.stringify(original, null, 2));
  }, 600_000);
});

describe('missingFiles', () => {
  it('lists every promised file that is not there: explicit exports, pattern exports and bins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-outputs-'));
    try {
      mkdirSync(join(dir, 'src/nested'), { recursive: true });
      mkdirSync(join(dir, 'dist'), { recursive: true });
      for (const file of ['src/a.ts', 'src/a.test.ts', 'src/nested/b.ts']) writeFileSync(join(dir, file), '');
      for (const file of ['dist/a.js', 'dist/a.d.ts', 'dist/main.js', 'dist/index.js'])
        writeFileSync(join(dir, file), '');
      const manifest = {
        name: 'x',
        bin: { x: './dist/main.js', y: './dist/cli.js' },
        exports: {
          '.': { '@parley/source': './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' },
          './*': { '@parley/source': './src/*.ts', types: './dist/*.d.ts', default: './dist/*.js' },
        },
      };
      writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
      expect(missingFiles(dir)).toEqual([
        '. (types): ./dist/index.d.ts',
        './* (types): ./dist/nested/b.d.ts',
        './* (default): ./dist/nested/b.js',
        'bin y (bin): ./dist/cli.js',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
