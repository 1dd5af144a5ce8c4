// What the root globalSetup hands to test files through vitest's provide/inject.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the migrated PGlite dump (unset on Postgres runs). */
    pgliteTemplate: string | undefined;
  }
}
