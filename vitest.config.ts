import { defineConfig } from 'vitest/config';

// Vite's server defaults, with ours first.
const conditions = ['@parley/source', 'module', 'node', 'development|production'];

/**
 * One run over every package. Workspace imports resolve to TypeScript sources through the
 * `@parley/source` export condition, so tests never need a build (the child-process test of the
 * built server is the exception, and `pnpm test` builds first).
 */
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@parley/source'] } },
  test: {
    include: ['{apps,packages}/*/{src,test}/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['./test/globalSetup.ts'],
  },
});
