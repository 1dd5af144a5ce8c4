#!/usr/bin/env node
// Keeps each workspace package's `exports` list in step with what the rest of the workspace
// imports from it (see docs/packages.md).
//   node scripts/syncExports.mjs          adds an entry for every `@parley/<pkg>/<module>` that is
//                                         imported somewhere but not exported (`pnpm exports:sync`)
//   node scripts/syncExports.mjs --check  changes nothing; lists missing entries and entries whose
//                                         source file does not exist, and fails if there are any
// Entries are never removed automatically: what a package makes public is a decision.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SCANNED = ['apps', 'packages', 'examples', 'benchmarks', 'test', 'scripts'];
const SKIPPED = new Set(['node_modules', 'dist', '.cache', '.turbo', '.data']);
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;

/** The entry for one module: sources for tests and dev, built files for everything else. */
export function exportEntry(module) {
  return { '@parley/source': `./src/${module}.ts`, types: `./dist/${module}.d.ts`, default: `./dist/${module}.js` };
}

/** Workspace packages with a `src/` whose modules others import: name → folder. */
function workspacePackages(root) {
  const found = new Map();
  for (const group of ['apps', 'packages']) {
    for (const name of readdirSync(join(root, group))) {
      const manifest = join(root, group, name, 'package.json');
      if (existsSync(manifest)) found.set(JSON.parse(readFileSync(manifest, 'utf8')).name, join(root, group, name));
    }
  }
  return found;
}

/** Every `@parley/<pkg>/<module>` specifier in the workspace's sources: package → Set of modules. */
function importedModules(root, packages) {
  const names = [...packages.keys()].map((name) => name.replace('/', '\\/')).join('|');
  const specifier = new RegExp(`['"\`](${names})/([A-Za-z0-9_./-]+)['"\`]`, 'g');
  const imported = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name)) {
        for (const match of readFileSync(path, 'utf8').matchAll(specifier)) {
          const [, pkg, module] = match;
          if (!imported.has(pkg)) imported.set(pkg, new Set());
          imported.get(pkg).add(module);
        }
      }
    }
  };
  for (const dir of SCANNED) if (existsSync(join(root, dir))) walk(join(root, dir));
  return imported;
}

/** What is out of step: `{pkg, dir, missing: [module], broken: [key]}` per package. */
export function exportsReport(root = ROOT) {
  const packages = workspacePackages(root);
  const imported = importedModules(root, packages);
  const report = [];
  for (const [pkg, dir] of packages) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const exports = manifest.exports ?? {};
    const missing = [...(imported.get(pkg) ?? [])].filter((module) => !(`./${module}` in exports)).sort();
    const broken = Object.entries(exports)
      .filter(([, target]) => {
        const source = typeof target === 'object' ? target['@parley/source'] : undefined;
        return typeof source === 'string' && (source.includes('*') || !existsSync(join(dir, source)));
      })
      .map(([key]) => key);
    if (missing.length > 0 || broken.length > 0) report.push({ pkg, dir: relative(root, dir), missing, broken });
  }
  return report;
}

/** Adds the missing entries, keeping the list sorted; returns the report it acted on. */
export function syncExports(root = ROOT) {
  const report = exportsReport(root);
  for (const { dir, missing } of report) {
    if (missing.length === 0) continue;
    const path = join(root, dir, 'package.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    const exports = { ...(manifest.exports ?? {}) };
    for (const module of missing) exports[`./${module}`] = exportEntry(module);
    manifest.exports = Object.fromEntries(Object.entries(exports).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  }
  return report;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes('--check');
  const report = check ? exportsReport() : syncExports();
  for (const { pkg, dir, missing, broken } of report) {
    for (const module of missing) {
      console.log(`${check ? 'missing' : 'added'} ${pkg}/${module} (${dir}/package.json exports)`);
    }
    for (const key of broken) console.log(`broken ${pkg} export ${key}: its source file does not exist`);
  }
  const brokenCount = report.reduce((n, r) => n + r.broken.length, 0);
  const missingCount = report.reduce((n, r) => n + r.missing.length, 0);
  if (brokenCount > 0 || (check && missingCount > 0)) {
    if (check && missingCount > 0) console.log('run `pnpm exports:sync` to add the missing entries');
    process.exit(1);
  }
}
