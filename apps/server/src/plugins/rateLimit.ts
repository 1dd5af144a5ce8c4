import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import { apiKeyFromHeaders } from '@parley/api/context';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { sessionCookieOf } from './webRequest.js';

/**
 * Rate limits per API key, or per client IP for calls without one, on the API routes only.
 * Counters live in memory, or in Redis when `REDIS_URL` is set so that every instance behind a
 * load balancer shares them. Over the limit: 429 with `Retry-After` and the `RateLimit-*` headers.
 */
export async function registerRateLimit(
  app: FastifyInstance,
  opts: { max: number; windowMs: number; redisUrl: string | undefined },
): Promise<{ close(): Promise<void> }> {
  const redis = opts.redisUrl
    ? new Redis(opts.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: false })
    : undefined;
  await app.register(rateLimit, {
    global: true,
    max: opts.max,
    timeWindow: opts.windowMs,
    enableDraftSpec: true,
    ...(redis ? { redis, nameSpace: 'parley-rate-limit:', skipOnError: true } : {}),
    allowList: (request) => !(request.url.startsWith('/api/') || request.url.startsWith('/trpc')),
    keyGenerator: (request) => {
      const key = apiKeyFromHeaders(request.headers) ?? sessionCookieOf(request.headers.cookie);
      // Hash the key: counters (and Redis) never hold a usable credential.
      return key ? `key:${createHash('sha256').update(key).digest('hex').slice(0, 32)}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) => {
      const error = new Error(`Rate limit exceeded, retry in ${context.after}`) as Error & { statusCode: number };
      error.statusCode = 429;
      return error;
    },
  });
  return {
    async close() {
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}
