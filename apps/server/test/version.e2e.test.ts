import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness/testServer.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { version?: string; license?: string };
const rootPackage = readJson(join(root, 'package.json'));
const workspacePackages = ['apps', 'packages', 'examples'].flatMap((group) =>
  readdirSync(join(root, group))
    .map((name) => join(root, group, name, 'package.json'))
    .filter((file) => existsSync(file)),
);

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => ts?.close());

describe('one version, one licence', () => {
  it('the root package.json carries the version and every package the same', () => {
    expect(rootPackage.version).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    for (const file of workspacePackages) expect(readJson(file).version, file).toBe(rootPackage.version);
  });

  it('/healthz reports it', async () => {
    const health = (await (await fetch(`${ts.url}/healthz`)).json()) as { status: string; version: string };
    expect(health).toEqual({ status: 'ok', version: rootPackage.version });
  });

  it('is Apache-2.0 everywhere', () => {
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toContain('Apache License');
    for (const file of [join(root, 'package.json'), ...workspacePackages]) {
      expect(readJson(file).license, file).toBe('Apache-2.0');
    }
  });
});

describe('scripts/syncVersion.mjs (after `changeset version`)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-release-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };

  it('copies the packages’ new version to the root and gathers the release’s entries, newest first', () => {
    write('package.json', JSON.stringify({ name: 'parley', version: '0.1.0' }));
    write('CHANGELOG.md', '# Changelog\n\nIntro.\n\n## 0.1.0\n\n- First.\n');
    write('apps/server/package.json', JSON.stringify({ name: '@parley/server', version: '0.2.0' }));
    write(
      'apps/server/CHANGELOG.md',
      '# @parley/server\n\n## 0.2.0\n\n### Patch Changes\n\n- Metrics at /metrics.\n- @parley/core@0.2.0\n',
    );
    write('packages/sdk/package.json', JSON.stringify({ name: '@parley/sdk', version: '0.2.0' }));
    write('packages/sdk/CHANGELOG.md', '# @parley/sdk\n\n## 0.2.0\n\n### Minor Changes\n\n- Retries on 503.\n');
    execFileSync(process.execPath, [join(root, 'scripts/syncVersion.mjs'), dir]);
    expect(readJson(join(dir, 'package.json')).version).toBe('0.2.0');
    const changelog = readFileSync(join(dir, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toBe(
      '# Changelog\n\nIntro.\n\n## 0.2.0\n\n### Minor Changes\n\n- Retries on 503.\n\n### Patch Changes\n\n- Metrics at /metrics.\n\n## 0.1.0\n\n- First.\n',
    );
    // Run twice, written once.
    execFileSync(process.execPath, [join(root, 'scripts/syncVersion.mjs'), dir]);
    expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toBe(changelog);
  });

  it('refuses packages that disagree', () => {
    write('packages/sdk/package.json', JSON.stringify({ name: '@parley/sdk', version: '0.3.0' }));
    expect(() =>
      execFileSync(process.execPath, [join(root, 'scripts/syncVersion.mjs'), dir], { stdio: 'pipe' }),
    ).toThrow(/disagree/);
  });
});
