import type { Redis } from 'ioredis';

/**
 * Failed authentications per client IP in a fixed window, in memory or in Redis (shared by every
 * instance). Over the budget, a client's unverified keys are refused with 429 before any lookup.
 * A Redis error counts nothing and refuses nothing (as the request limiter's `skipOnError`).
 */
export interface AuthFailureBudget {
  /** Whether the IP has used up its budget; with the milliseconds until the window ends. */
  exhausted(ip: string): Promise<{ exhausted: boolean; resetMs: number }>;
  /** Counts one failed authentication of the IP. */
  fail(ip: string): Promise<void>;
}

const MAX_TRACKED_IPS = 100_000;

export function memoryAuthFailureBudget(max: number, windowMs: number): AuthFailureBudget {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const current = (ip: string, now: number) => {
    const w = windows.get(ip);
    return w && w.resetAt > now ? w : undefined;
  };
  return {
    async exhausted(ip) {
      const now = Date.now();
      const w = current(ip, now);
      return { exhausted: (w?.count ?? 0) >= max, resetMs: w ? w.resetAt - now : windowMs };
    },
    async fail(ip) {
      const now = Date.now();
      const w = current(ip, now);
      if (w) {
        w.count += 1;
        return;
      }
      // Ended windows go first; a flood of distinct IPs cannot grow the map without bound.
      if (windows.size >= MAX_TRACKED_IPS) {
        for (const [key, old] of windows) if (old.resetAt <= now) windows.delete(key);
        if (windows.size >= MAX_TRACKED_IPS) windows.delete(windows.keys().next().value as string);
      }
      windows.set(ip, { count: 1, resetAt: now + windowMs });
    },
  };
}

export function redisAuthFailureBudget(redis: Redis, max: number, windowMs: number): AuthFailureBudget {
  const key = (ip: string) => `parley-auth-fail:${ip}`;
  return {
    async exhausted(ip) {
      try {
        const [count, ttl] = await Promise.all([redis.get(key(ip)), redis.pttl(key(ip))]);
        return { exhausted: Number(count ?? 0) >= max, resetMs: ttl > 0 ? ttl : windowMs };
      } catch {
        return { exhausted: false, resetMs: windowMs };
      }
    },
    async fail(ip) {
      try {
        // The window starts with the first failure; INCR keeps the expiry SET gave it.
        await redis.multi().set(key(ip), 0, 'PX', windowMs, 'NX').incr(key(ip)).exec();
      } catch {
        // counted nothing
      }
    },
  };
}
