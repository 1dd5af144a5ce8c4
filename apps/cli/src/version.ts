import { readFileSync } from 'node:fs';

/**
 * The running Parley's version: the root package.json's `version`, the one place a release sets it
 * (`pnpm release:version`, see `.changeset/README.md`). This file sits three folders below the
 * root both as source (`apps/cli/src`) and built (`apps/cli/dist`), so one relative path
 * serves both.
 */
export const parleyVersion: string = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
