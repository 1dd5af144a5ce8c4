import { resolve } from 'node:path';
import { z } from 'zod';

const Limit = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === 'unlimited') return null;
    if (!/^\d+$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: 'must be a whole number ≥ 0 or "unlimited"' });
      return z.NEVER;
    }
    return Number(v);
  });
const Int = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
const Bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const Url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      `must be a ${protocols.join(' or ')} URL`,
    );

/** Every environment variable the server reads, with its default. */
const Env = z.object({
  PORT: Int(0, 65535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATABASE_URL: Url(['postgres:', 'postgresql:']).optional(),
  PARLEY_DATA_DIR: z.string().trim().min(1).default('./.data'),
  REDIS_URL: Url(['redis:', 'rediss:']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PARLEY_BODY_LIMIT: Int(1024, 64 * 1024 * 1024).default(1024 * 1024),
  PARLEY_RATE_LIMIT_MAX: Int(1, 1_000_000).default(600),
  PARLEY_RATE_LIMIT_WINDOW_MS: Int(100, 86_400_000).default(60_000),
  PARLEY_LIMIT_AGENTS: Limit.default(100),
  PARLEY_LIMIT_CHATS: Limit.default(1000),
  PARLEY_LIMIT_PARTICIPANTS: Limit.default(100),
  PARLEY_LIMIT_MESSAGES: Limit.default(100_000),
  PARLEY_DB_POOL_SIZE: Int(1, 200).default(10),
  PARLEY_TRUST_PROXY: Bool.default(false),
  PARLEY_SEED_DEMO: Bool.default(true),
  PARLEY_EVENT_RETENTION_DAYS: Int(1, 3650).default(7),
  PARLEY_SOCKET_IDLE_TIMEOUT_MS: Int(50, 3_600_000).default(45_000),
  PARLEY_SOCKET_BUFFER_BYTES: Int(1024, 256 * 1024 * 1024).default(4 * 1024 * 1024),
  PARLEY_STREAM_BUFFER_EVENTS: Int(1, 1_000_000).default(1000),
  PARLEY_EVENT_POLL_MS: Int(10, 3_600_000).default(2000),
  PARLEY_SOCKET_RECHECK_MS: Int(50, 86_400_000).default(60_000),
  PARLEY_EVENT_TAIL_IDLE_MS: Int(100, 86_400_000).default(30_000),
  PARLEY_SIGNIN_MAX_FAILURES_ACCOUNT: Int(1, 1_000_000).default(10),
  PARLEY_SIGNIN_MAX_FAILURES_IP: Int(1, 1_000_000).default(50),
  PARLEY_WEB_DIR: z.string().trim().min(1).optional(),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string | undefined };
  redisUrl: string | undefined;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  bodyLimit: number;
  rateLimit: { max: number; windowMs: number };
  defaultLimits: { agents: number | null; chats: number | null; participants: number | null; messages: number | null };
  trustProxy: boolean;
  /** On first start of an empty embedded database, create a demo user and print its key. */
  seedDemo: boolean;
  realtime: RealtimeConfig;
  /** Failed password sign-ins allowed per account and per IP within 15 minutes. */
  signIn: { maxFailuresPerAccount: number; maxFailuresPerIp: number };
  /** The built web app to serve at `/`; the default is `apps/web/dist` of this checkout. */
  webDir: string | undefined;
}

export interface RealtimeConfig {
  /** Events stay resumable this long; an older resume position answers `resync_required`. */
  retentionDays: number;
  /** A socket that sends nothing (not even a heartbeat) this long is closed. */
  socketIdleTimeoutMs: number;
  /** Bytes a socket may have waiting to be sent before it is closed as too slow. */
  socketBufferBytes: number;
  /** Live events a native stream buffers for a slow reader before it re-reads the outbox. */
  streamBufferEvents: number;
  /** How often the outbox is read without a notification (a safety net for lost ones). */
  pollMs: number;
  /** How often an open socket's key (and agent) is checked again; a revoked one is closed. */
  socketRecheckMs: number;
  /** The outbox tail pauses after this long without a socket or stream on this instance. */
  tailIdleMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the configuration from environment variables. Every bad value is reported at once, each
 * with its variable's name, so a misconfigured server stops at start with a message that says why.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}=${JSON.stringify(present[String(i.path[0])])}: ${i.message}`),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.PARLEY_DB_POOL_SIZE }
      : { kind: 'pglite', dataDir: resolve(e.PARLEY_DATA_DIR) },
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.PARLEY_BODY_LIMIT,
    rateLimit: { max: e.PARLEY_RATE_LIMIT_MAX, windowMs: e.PARLEY_RATE_LIMIT_WINDOW_MS },
    defaultLimits: {
      agents: e.PARLEY_LIMIT_AGENTS,
      chats: e.PARLEY_LIMIT_CHATS,
      participants: e.PARLEY_LIMIT_PARTICIPANTS,
      messages: e.PARLEY_LIMIT_MESSAGES,
    },
    trustProxy: e.PARLEY_TRUST_PROXY,
    seedDemo: e.PARLEY_SEED_DEMO,
    signIn: {
      maxFailuresPerAccount: e.PARLEY_SIGNIN_MAX_FAILURES_ACCOUNT,
      maxFailuresPerIp: e.PARLEY_SIGNIN_MAX_FAILURES_IP,
    },
    webDir: e.PARLEY_WEB_DIR ? resolve(e.PARLEY_WEB_DIR) : undefined,
    realtime: {
      retentionDays: e.PARLEY_EVENT_RETENTION_DAYS,
      socketIdleTimeoutMs: e.PARLEY_SOCKET_IDLE_TIMEOUT_MS,
      socketBufferBytes: e.PARLEY_SOCKET_BUFFER_BYTES,
      streamBufferEvents: e.PARLEY_STREAM_BUFFER_EVENTS,
      pollMs: e.PARLEY_EVENT_POLL_MS,
      socketRecheckMs: e.PARLEY_SOCKET_RECHECK_MS,
      tailIdleMs: e.PARLEY_EVENT_TAIL_IDLE_MS,
    },
  };
}
