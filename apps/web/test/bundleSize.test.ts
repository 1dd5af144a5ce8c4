import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUDGET_BYTES, initialBundleGzipBytes } from '../scripts/bundleSize.js';
import { ensureWebBuild, WEB_DIST } from './harness/webBuild.js';

beforeAll(() => ensureWebBuild());

describe('the web app bundle', () => {
  it('loads at most 250 KB of JavaScript (gzip) before the first page shows', () => {
    expect(existsSync(join(WEB_DIST, 'index.html'))).toBe(true);
    const { bytes, files } = initialBundleGzipBytes(WEB_DIST);
    expect(files.length).toBeGreaterThan(0);
    expect(bytes).toBeGreaterThan(10_000);
    expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
