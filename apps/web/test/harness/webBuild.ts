import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_DIST = join(WEB_ROOT, 'dist');

/** `pnpm test` builds first; a lone `vitest run` of these files builds the app when it is missing. */
export function ensureWebBuild(): void {
  if (existsSync(join(WEB_DIST, 'index.html'))) return;
  execFileSync('pnpm', ['run', 'build'], { cwd: WEB_ROOT, stdio: 'inherit' });
}
