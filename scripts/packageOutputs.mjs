// The two ends of a workspace package's build, used by scripts/build.mjs (see docs/build.md):
// `cleanOutputs` removes dist/ and .cache/, so a build starts from nothing (no file of a deleted
// source survives, and no compiler state can make tsc skip emitting); `reportMissing` fails a
// build whose dist/ lacks a file that package.json's `exports` (or `bin`) point to, so turbo never
// caches an output that lacks what the package exports.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const SOURCE_CONDITION = '@parley/source';

/** Every built file package.json promises: `[export key, condition, path]`. */
export function promisedFiles(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const promised = [];
  for (const [key, target] of Object.entries(pkg.exports ?? {})) {
    const conditions = typeof target === 'string' ? { default: target } : target;
    const source = conditions[SOURCE_CONDITION];
    for (const [condition, path] of Object.entries(conditions)) {
      if (condition === SOURCE_CONDITION || typeof path !== 'string') continue;
      if (!path.includes('*')) {
        promised.push([key, condition, path]);
        continue;
      }
      // A pattern export: one built file per source file the pattern matches.
      if (typeof source !== 'string') throw new Error(`${key}: a pattern export needs a ${SOURCE_CONDITION} target`);
      for (const stem of patternMatches(dir, source)) promised.push([key, condition, path.replace('*', stem)]);
    }
  }
  const bins = typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {});
  for (const [name, path] of Object.entries(bins)) promised.push([`bin ${name}`, 'bin', path]);
  return promised;
}

/** What `*` stands for in each existing file a pattern like `./src/*.ts` matches (tests excluded). */
function patternMatches(dir, pattern) {
  const [prefix, suffix] = pattern.split('*');
  const base = join(dir, prefix);
  const stems = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith(suffix) && !path.endsWith(`.test${suffix}`) && !path.endsWith(`.d${suffix}`)) {
        stems.push(relative(base, path).slice(0, -suffix.length || undefined));
      }
    }
  };
  if (existsSync(base)) walk(base);
  return stems;
}

/** Removes what an earlier build left: dist/ and the compiler's .cache/. */
export function cleanOutputs(dir) {
  for (const folder of ['dist', '.cache']) rmSync(join(dir, folder), { recursive: true, force: true });
}

/** Prints the promised files that do not exist; true when none is missing. */
export function reportMissing(dir) {
  const missing = missingFiles(dir);
  if (missing.length === 0) return true;
  console.error(`build output incomplete in ${relative(process.env.INIT_CWD ?? dir, dir) || dir}:`);
  for (const line of missing) console.error(`  missing ${line}`);
  return false;
}

/** Promised files that do not exist, as readable lines. */
export function missingFiles(dir) {
  return promisedFiles(dir)
    .filter(([, , path]) => !existsSync(join(dir, path)))
    .map(([key, condition, path]) => `${key} (${condition}): ${path}`);
}
