import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without declarations
import { exportEntry, exportsReport, syncExports } from '../scripts/syncExports.mjs';

describe('package exports', () => {
  it('list every module the workspace imports from another package, and only modules that exist', () => {
    // On failure: `pnpm exports:sync` adds the missing entries (docs/packages.md).
    expect(exportsReport()).toEqual([]);
  });

  it('are added by exports:sync when an import has no entry, and flagged when the source is gone', () => {
    const root = mkdtempSync(join(tmpdir(), 'parley-exports-'));
    try {
      const write = (path: string, text: string) => {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), text);
      };
      const core = ['@parley', 'core'].join('/');
      const manifest = (exports: object) => JSON.stringify({ name: '@parley/core', exports });
      write('packages/core/src/appError.ts', 'export class AppError {}\n');
      write('packages/core/src/messages/send.ts', 'export const send = 1;\n');
      write(
        'packages/core/package.json',
        manifest({ './appError': exportEntry('appError'), './gone': exportEntry('gone') }),
      );
      write('apps/server/package.json', JSON.stringify({ name: '@parley/server' }));
      write(
        'apps/server/src/main.ts',
        // Spelt in pieces, so that this file itself imports nothing in the scanner's eyes.
        `import { AppError } from '${core}/appError';\nimport { send } from '${core}/messages/send';\n`,
      );

      const before = [{ pkg: '@parley/core', dir: 'packages/core', missing: ['messages/send'], broken: ['./gone'] }];
      expect(exportsReport(root)).toEqual(before);
      syncExports(root);
      const exports = JSON.parse(readFileSync(join(root, 'packages/core/package.json'), 'utf8')).exports;
      expect(Object.keys(exports)).toEqual(['./appError', './gone', './messages/send']);
      expect(exports['./messages/send']).toEqual({
        '@parley/source': './src/messages/send.ts',
        types: './dist/messages/send.d.ts',
        default: './dist/messages/send.js',
      });
      expect(exportsReport(root)).toEqual([
        { pkg: '@parley/core', dir: 'packages/core', missing: [], broken: ['./gone'] },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
