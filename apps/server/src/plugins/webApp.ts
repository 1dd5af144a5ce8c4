import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** The web app's pages (its router's paths): these answer index.html; any other path keeps its 404. */
const APP_ROUTES = [
  '/',
  '/sign-in',
  '/sign-in/link',
  '/rooms/:id',
  '/agents',
  '/contacts',
  '/memories',
  '/profile',
  '/settings',
];

/** The built app of this checkout: `apps/web/dist`, from `apps/server/{src,dist}/plugins`. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url));

// Vite's build has no inline script or style; API calls and the event stream are same-origin.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * Serves the built web app (`pnpm build`): hashed assets with a year's cache, and index.html for
 * the app's own routes only, so `/api`, `/trpc`, `/docs` and `/healthz` keep their answers and
 * their 404s. Without a build nothing is registered and the server says so once.
 */
export async function registerWebApp(app: FastifyInstance, dir = DEFAULT_WEB_DIR): Promise<boolean> {
  if (!existsSync(join(dir, 'index.html'))) {
    app.log.warn({ dir }, 'web app not built (run pnpm build); / is not served');
    return false;
  }
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root: join(dir, 'assets'),
      prefix: '/assets/',
      wildcard: false,
      immutable: true,
      maxAge: '365d',
      index: false,
    });
    for (const path of APP_ROUTES) {
      scope.get(path, (_request, reply) =>
        reply
          .header('cache-control', 'no-cache')
          .header('content-security-policy', CSP)
          .header('x-content-type-options', 'nosniff')
          .header('referrer-policy', 'no-referrer')
          .sendFile('index.html', dir, { cacheControl: false }),
      );
    }
  });
  return true;
}
