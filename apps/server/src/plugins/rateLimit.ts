import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import { apiKeyFromHeaders } from '@parley/api/context';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { type AuthFailureBudget, memoryAuthFailureBudget, redisAuthFailureBudget } from './authFailureBudget.js';
import { VerifiedKeys } from './verifiedKeys.js';

/** What a key is, as far as the database says: `unknown` when it could not be asked. */
export type KeyVerdict = 'valid' | 'invalid' | 'unknown';

export interface RateLimitOptions {
  max: number;
  windowMs: number;
  redisUrl: string | undefined;
  /** Failed authentications per IP and window before its unverified keys get 429 without a lookup. */
  authFailMax: number;
  /** Authenticates a key (one database lookup). */
  verifyKey(key: string): Promise<KeyVerdict>;
  /** Told of each request refused for its budget (metrics). */
  onRejected?: (surface: 'rest' | 'trpc') => void;
}

/** How long a key that authenticated is counted per key without being looked up again first. */
const VERIFIED_TTL_MS = 10 * 60_000;

const limited = (url: string) => url.startsWith('/api/') || url.startsWith('/trpc');

/** The key a request presents: headers, or the socket's `api_key` query parameter. */
function presentedKey(request: FastifyRequest): string | undefined {
  const fromHeaders = apiKeyFromHeaders(request.headers);
  if (fromHeaders) return fromHeaders;
  if (!request.url.startsWith('/api/v1/socket')) return undefined;
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.api_key === 'string' && query.api_key ? query.api_key : undefined;
}

/** Counters (and Redis) never hold a usable credential. */
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 32);

class TooManyRequests extends Error {
  readonly statusCode = 429;
}

const MAX_TRACKED_IPS = 100_000;

/**
 * Rate limits on the API routes (REST, native tRPC, the socket upgrade). A key counts as its own
 * budget only once it has authenticated (`VerifiedKeys`); any other key, and a call without one,
 * counts against the client IP, so made-up keys buy nothing. Failed authentications have a
 * stricter budget of their own per IP: once spent, unverified keys get 429 before any database
 * lookup. Counters live in memory, or in Redis when `REDIS_URL` is set so that every instance
 * behind a load balancer shares them. Over a limit: 429 with `Retry-After` (and the `RateLimit-*`
 * headers for the request budget). See docs/rate-limits.md.
 */
export async function registerRateLimit(
  app: FastifyInstance,
  opts: RateLimitOptions,
): Promise<{ close(): Promise<void> }> {
  const redis = opts.redisUrl
    ? new Redis(opts.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: false })
    : undefined;
  const failures: AuthFailureBudget = redis
    ? redisAuthFailureBudget(redis, opts.authFailMax, opts.windowMs)
    : memoryAuthFailureBudget(opts.authFailMax, opts.windowMs);
  const verified = new VerifiedKeys(VERIFIED_TTL_MS);
  /** Per request: the presented key's hash, and whether it authenticated. */
  const seen = new WeakMap<FastifyRequest, { hash: string; verified: boolean }>();
  const counted = new WeakSet<FastifyRequest>();
  /**
   * IPs the limiter refused (429), until their window resets: their unverified keys are refused
   * here, before the lookup that would find out whether they are valid. Per instance; an instance
   * learns it from the first refusal it answers.
   */
  const overBudget = new Map<string, number>();
  const refuse = (request: FastifyRequest, reply: FastifyReply, resetMs: number, message: string) => {
    opts.onRejected?.(request.url.startsWith('/trpc') ? 'trpc' : 'rest');
    reply.header('retry-after', String(Math.max(1, Math.ceil(resetMs / 1000))));
    // A refused socket upgrade ends with the answer (the socket plugin closes the connection).
    if (request.headers.upgrade) reply.header('connection', 'close');
    return new TooManyRequests(message);
  };

  // Runs before the limiter's own hook (app-level hooks precede route-level ones), so that the
  // limiter's key generator knows whether the key is verified.
  app.addHook('onRequest', async (request, reply) => {
    if (!limited(request.url)) return;
    counted.add(request);
    const key = presentedKey(request);
    if (!key) return;
    const hash = hashKey(key);
    if (verified.has(hash)) {
      seen.set(request, { hash, verified: true });
      return;
    }
    const blockedUntil = overBudget.get(request.ip) ?? 0;
    if (blockedUntil > Date.now()) throw refuse(request, reply, blockedUntil - Date.now(), 'Rate limit exceeded');
    const budget = await failures.exhausted(request.ip);
    if (budget.exhausted)
      throw refuse(request, reply, budget.resetMs, 'Too many failed authentications from this address');
    const verdict = await opts.verifyKey(key);
    if (verdict === 'valid') verified.add(hash);
    else if (verdict === 'invalid') await failures.fail(request.ip);
    seen.set(request, { hash, verified: verdict === 'valid' });
  });
  app.addHook('onResponse', async (request, reply) => {
    // Not by URL: the REST layer rewrites `request.url` (it drops the prefix) before this runs.
    if (!counted.has(request)) return;
    const state = seen.get(request);
    // A verified key that stops working (revoked) is unverified again, and its failures count.
    if (state?.verified && reply.statusCode === 401) {
      verified.delete(state.hash);
      await failures.fail(request.ip);
    }
  });

  await app.register(rateLimit, {
    global: true,
    max: opts.max,
    timeWindow: opts.windowMs,
    enableDraftSpec: true,
    ...(redis ? { redis, nameSpace: 'parley-rate-limit:', skipOnError: true } : {}),
    // Preflights (OPTIONS) carry no key and cost nothing: they do not use up a client's budget.
    allowList: (request) => request.method === 'OPTIONS' || !limited(request.url),
    keyGenerator: (request) => {
      const state = seen.get(request);
      return state?.verified ? `key:${state.hash}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (request, context) => {
      opts.onRejected?.(request.url.startsWith('/trpc') ? 'trpc' : 'rest');
      // Only this limiter's own refusals block the IP's unverified keys: a 429 a procedure answers
      // (the sign-in limit, say) says nothing about the address's request budget.
      if (!seen.get(request)?.verified && context.ttl > 0) {
        if (overBudget.size >= MAX_TRACKED_IPS) overBudget.clear();
        overBudget.set(request.ip, Date.now() + context.ttl);
      }
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
