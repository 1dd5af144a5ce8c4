#!/usr/bin/env node
// Runs after `changeset version` (`pnpm release:version`): every @parley/* package now carries the
// release's version (one fixed group). This copies it into the root package.json, the one place the
// server and the CLI read their version from, and gathers the release's entries from the packages'
// CHANGELOG.md files into the root CHANGELOG.md, the one users read.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '.');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const packageDirs = ['apps', 'packages', 'examples'].flatMap((group) =>
  existsSync(join(root, group))
    ? readdirSync(join(root, group))
        .map((name) => join(root, group, name))
        .filter((dir) => existsSync(join(dir, 'package.json')))
    : [],
);
const versions = new Set(packageDirs.map((dir) => readJson(join(dir, 'package.json')).version));
if (versions.size !== 1) {
  process.stderr.write(`syncVersion: the packages disagree on the version (${[...versions].join(', ')})\n`);
  process.exit(1);
}
const [version] = versions;

const rootFile = join(root, 'package.json');
const rootPackage = readJson(rootFile);
rootPackage.version = version;
writeFileSync(rootFile, `${JSON.stringify(rootPackage, null, 2)}\n`);

/** The bullet entries of one version's section, by kind ("Minor Changes"…), in a package changelog. */
function entriesOf(changelog) {
  const lines = changelog.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${version}`);
  if (start < 0) return new Map();
  const byKind = new Map();
  let kind;
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    if (line.startsWith('### ')) kind = line.slice(4).trim();
    else if (kind && line.trim() && !/^- Updated dependencies|^\s*- @parley\/\S+@\S+$/.test(line)) {
      // A continuation line belongs to the entry before it.
      const list = byKind.get(kind) ?? [];
      if (line.startsWith('- ') || list.length === 0) list.push(line);
      else list[list.length - 1] += `\n${line}`;
      byKind.set(kind, list);
    }
  }
  return byKind;
}

const merged = new Map();
for (const dir of packageDirs) {
  const file = join(dir, 'CHANGELOG.md');
  if (!existsSync(file)) continue;
  for (const [kind, entries] of entriesOf(readFileSync(file, 'utf8'))) {
    const list = merged.get(kind) ?? [];
    for (const entry of entries) if (!list.includes(entry)) list.push(entry);
    merged.set(kind, list);
  }
}

const changelogFile = join(root, 'CHANGELOG.md');
const changelog = existsSync(changelogFile) ? readFileSync(changelogFile, 'utf8') : '# Changelog\n';
if (!changelog.split('\n').some((line) => line.trim() === `## ${version}`)) {
  const kinds = ['Major Changes', 'Minor Changes', 'Patch Changes'].filter((k) => merged.has(k));
  const section = [`## ${version}`, ...kinds.flatMap((k) => ['', `### ${k}`, '', ...(merged.get(k) ?? [])])].join('\n');
  // The newest release goes first, after the title and its introduction.
  const firstRelease = changelog.search(/^## /m);
  const next =
    firstRelease < 0
      ? `${changelog.trimEnd()}\n\n${section}\n`
      : `${changelog.slice(0, firstRelease)}${section}\n\n${changelog.slice(firstRelease)}`;
  writeFileSync(changelogFile, next);
}
process.stdout.write(`Parley ${version}\n`);
