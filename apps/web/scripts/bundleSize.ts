// Prints the gzip size of the JavaScript the app loads first (index.html's module scripts and
// their static imports) and fails the build above the budget.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 250 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

export function initialBundleGzipBytes(dir: string = dist): { bytes: number; files: string[] } {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const seen = new Set<string>();
  const queue = [
    ...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
  ].map((m) => m[1] as string);
  let total = 0;
  while (queue.length) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dir, file));
    total += gzipSync(code, { level: 9 }).length;
    // Static imports between chunks (`import … from "./x.js"`); dynamic `import()` is lazy and not counted.
    for (const m of code
      .toString('utf8')
      .matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      queue.push(join(dirname(file), m[1] as string));
    }
  }
  return { bytes: total, files: [...seen] };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { bytes, files } = initialBundleGzipBytes();
  const kb = (bytes / 1024).toFixed(1);
  console.log(`initial JavaScript: ${kb} KB gzip in ${files.length} file(s) (budget ${BUDGET_BYTES / 1024} KB)`);
  if (bytes > BUDGET_BYTES) {
    console.error('over the bundle budget');
    process.exit(1);
  }
}
