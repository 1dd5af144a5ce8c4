import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/**
 * CORS for browser clients on other origins: only the origins in PARLEY_CORS_ORIGINS (exact
 * matches, none by default). An allowed origin's preflight gets 204 with the allowed methods and
 * headers; any other origin gets no CORS headers, so its browser keeps the answer from it. Keys
 * travel in headers, never cookies, so credentials are not allowed.
 */
export async function registerCors(app: FastifyInstance, origins: string[]) {
  // No origin allowed (the default): no CORS headers for anyone, so the plugin's hook, which would
  // run on every request only to decide that, is left out (benchmarks/README.md, step 7).
  if (origins.length === 0) return;
  const allowed = new Set(origins);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['content-type', 'x-api-key', 'authorization', 'x-request-id', 'trpc-accept', 'last-event-id'],
    exposedHeaders: [
      'x-request-id',
      'retry-after',
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
      'ratelimit-policy',
    ],
    credentials: false,
    maxAge: 600,
    strictPreflight: true,
  });
}
