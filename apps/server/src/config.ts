import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { type DatabaseTimeouts, DEFAULT_DATABASE_TIMEOUTS } from '@parley/db/postgresPool';
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

/** RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens. */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
/**
 * An address to listen on: an IPv4 or IPv6 address, or a host name. Only digits and dots is
 * meant as an IPv4 address, so `999.1.1.1` is refused at once rather than looked up as a name.
 */
const Host = z
  .string()
  .trim()
  .refine(
    (v) => isIP(v) !== 0 || (HOST_NAME.test(v) && !/^[\d.]+$/.test(v)),
    'must be an IP address (0.0.0.0, ::, 127.0.0.1) or a host name',
  );

/** Every environment variable the server reads, with its default. */
const Env = z.object({
  PORT: Int(0, 65535).default(3000),
  HOST: Host.default('127.0.0.1'),
  DATABASE_URL: Url(['postgres:', 'postgresql:']).optional(),
  PARLEY_DATA_DIR: z.string().trim().min(1).default('./.data'),
  REDIS_URL: Url(['redis:', 'rediss:']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PARLEY_BODY_LIMIT: Int(1024, 64 * 1024 * 1024).default(1024 * 1024),
  PARLEY_RATE_LIMIT_MAX: Int(1, 1_000_000).default(600),
  PARLEY_RATE_LIMIT_WINDOW_MS: Int(100, 86_400_000).default(60_000),
  PARLEY_AUTH_FAIL_LIMIT_MAX: Int(1, 1_000_000).default(30),
  PARLEY_LIMIT_AGENTS: Limit.default(100),
  PARLEY_LIMIT_CHATS: Limit.default(1000),
  PARLEY_LIMIT_PARTICIPANTS: Limit.default(100),
  PARLEY_LIMIT_MESSAGES: Limit.default(100_000),
  PARLEY_DB_POOL_SIZE: Int(1, 200).default(10),
  PARLEY_DB_CONNECT_TIMEOUT_MS: Int(100, 600_000).default(DEFAULT_DATABASE_TIMEOUTS.connectMs),
  PARLEY_DB_STATEMENT_TIMEOUT_MS: Int(0, 86_400_000).default(DEFAULT_DATABASE_TIMEOUTS.statementMs),
  PARLEY_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: Int(0, 86_400_000).default(DEFAULT_DATABASE_TIMEOUTS.idleInTransactionMs),
  PARLEY_TRUST_PROXY: Bool.default(false),
  PARLEY_SEED_DEMO: Bool.default(true),
  PARLEY_EVENT_RETENTION_DAYS: Int(1, 3650).default(7),
  PARLEY_SOCKET_IDLE_TIMEOUT_MS: Int(50, 3_600_000).default(45_000),
  PARLEY_SOCKET_BUFFER_BYTES: Int(1024, 256 * 1024 * 1024).default(4 * 1024 * 1024),
  PARLEY_STREAM_BUFFER_EVENTS: Int(1, 1_000_000).default(1000),
  PARLEY_EVENT_POLL_MS: Int(10, 3_600_000).default(2000),
  PARLEY_SOCKET_RECHECK_MS: Int(50, 86_400_000).default(60_000),
  PARLEY_EVENT_TAIL_IDLE_MS: Int(100, 86_400_000).default(30_000),
  PARLEY_SHUTDOWN_TIMEOUT_MS: Int(100, 3_600_000).default(10_000),
  PARLEY_METRICS_TOKEN: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  PARLEY_CORS_ORIGINS: z
    .string()
    .trim()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'each must be an origin like https://app.example.com')))
    .default([]),
  PARLEY_ACTIVITY_TTL_MS: Int(100, 3_600_000).default(10_000),
  PARLEY_ACTIVITY_SWEEP_MS: Int(50, 3_600_000).default(1000),
  PARLEY_CONTACT_EXPIRY_SWEEP_MS: Int(50, 86_400_000).default(60_000),
  PARLEY_LLM_BASE_URL: Url(['http:', 'https:']).optional(),
  PARLEY_LLM_API_KEY: z.string().trim().min(1, 'must not be blank').optional(),
  PARLEY_LLM_MODELS: z
    .string()
    .transform((v) => [...new Set(v.split(',').map((m) => m.trim()))].filter(Boolean))
    .pipe(z.array(z.string().max(200, 'a model id has at most 200 characters')).min(1, 'must name at least one model'))
    .optional(),
  PARLEY_LLM_TIMEOUT_MS: Int(100, 3_600_000).default(120_000),
  PARLEY_LLM_MAX_ATTEMPTS: Int(1, 50).default(3),
  PARLEY_LLM_RETRY_DELAY_MS: Int(0, 3_600_000).default(5_000),
  PARLEY_PLATFORM_AGENTS_SCAN_MS: Int(50, 3_600_000).default(5_000),
  PARLEY_PLATFORM_AGENTS_DRAIN_MS: Int(0, 3_600_000).default(10_000),
  PARLEY_PLATFORM_AGENTS_CLOSE_GRACE_MS: Int(0, 3_600_000).default(10_000),
  PARLEY_SIGNIN_MAX_FAILURES_ACCOUNT: Int(1, 1_000_000).default(10),
  PARLEY_SIGNIN_MAX_FAILURES_IP: Int(1, 1_000_000).default(50),
  PARLEY_WEB_DIR: z.string().trim().min(1).optional(),
});

/** The names of every variable `loadConfig` reads (`.env.example` lists exactly these). */
export const configVariables: string[] = Object.keys(Env.shape);

/** Variables whose values never appear in an error message. */
const SECRET_VARIABLES = new Set(['PARLEY_LLM_API_KEY']);

export interface Config {
  port: number;
  host: string;
  database:
    | { kind: 'postgres'; url: string; poolSize: number; timeouts: DatabaseTimeouts }
    | { kind: 'pglite'; dataDir: string | undefined };
  redisUrl: string | undefined;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  bodyLimit: number;
  /** `authFailMax`: failed authentications per IP and window before its unverified keys get 429. */
  rateLimit: { max: number; windowMs: number; authFailMax: number };
  defaultLimits: { agents: number | null; chats: number | null; participants: number | null; messages: number | null };
  trustProxy: boolean;
  /** On first start of an empty embedded database, create a demo user and print its key. */
  seedDemo: boolean;
  realtime: RealtimeConfig;
  /** After SIGTERM, the process exits within this long even if a request or socket hangs. */
  shutdownTimeoutMs: number;
  /** Bearer token that lets a scraper read `/metrics` from anywhere; without it, local clients only. */
  metricsToken: string | undefined;
  /** Browser origins allowed to call the API (CORS); none by default. */
  corsOrigins: string[];
  /** The model provider of platform agents; undefined when `PARLEY_LLM_BASE_URL` is not set. */
  llm: LlmConfig | undefined;
  /** How often an instance looks for platform agents it should run (and that no other instance runs). */
  platformAgentsScanMs: number;
  /** How long replies under way may finish when the instance stops running an agent (lost lease, shutdown). */
  platformAgentsDrainMs: number;
  /** How long a stop waits beyond the drain for the agents' loops and lease connection, then gives up. */
  platformAgentsCloseGraceMs: number;
  /** Failed password sign-ins allowed per account and per IP within 15 minutes. */
  signIn: { maxFailuresPerAccount: number; maxFailuresPerIp: number };
  /** The built web app to serve at `/`; the default is `apps/web/dist` of this checkout. */
  webDir: string | undefined;
}

/** An OpenAI-compatible Chat Completions endpoint (docs/platform-agents.md). */
export interface LlmConfig {
  /** e.g. `http://127.0.0.1:11434/v1`; requests go to `<baseUrl>/chat/completions`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; never logged, never in a response or an error. */
  apiKey: string | undefined;
  /** The models agents may use; the first is the default. */
  models: string[];
  /** How long one provider call may take. */
  timeoutMs: number;
  /** Attempts of a message before it stays `failed`. */
  maxAttempts: number;
  /** Wait before the second attempt, doubled for each later one. */
  retryDelayMs: number;
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
  /** An agent's working indicator turns off this long after its last keep-alive. */
  activityTtlMs: number;
  /** How often this instance looks for expired working indicators. */
  activitySweepMs: number;
  /** How often this instance persists and announces expired contact requests. */
  contactExpirySweepMs: number;
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
      parsed.error.issues.map((i) => {
        const name = String(i.path[0]);
        const shown = SECRET_VARIABLES.has(name) ? '(hidden)' : JSON.stringify(present[name]);
        return `${i.path.join('.')}=${shown}: ${i.message}`;
      }),
    );
  }
  const e = parsed.data;
  if (e.PARLEY_LLM_BASE_URL && !e.PARLEY_LLM_MODELS) {
    throw new ConfigError(['PARLEY_LLM_MODELS: must name at least one model when PARLEY_LLM_BASE_URL is set']);
  }
  if (!e.PARLEY_LLM_BASE_URL && (e.PARLEY_LLM_MODELS || e.PARLEY_LLM_API_KEY)) {
    throw new ConfigError(['PARLEY_LLM_BASE_URL: must be set when PARLEY_LLM_MODELS or PARLEY_LLM_API_KEY is']);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? {
          kind: 'postgres',
          url: e.DATABASE_URL,
          poolSize: e.PARLEY_DB_POOL_SIZE,
          timeouts: {
            connectMs: e.PARLEY_DB_CONNECT_TIMEOUT_MS,
            statementMs: e.PARLEY_DB_STATEMENT_TIMEOUT_MS,
            idleInTransactionMs: e.PARLEY_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
          },
        }
      : { kind: 'pglite', dataDir: resolve(e.PARLEY_DATA_DIR) },
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.PARLEY_BODY_LIMIT,
    rateLimit: {
      max: e.PARLEY_RATE_LIMIT_MAX,
      windowMs: e.PARLEY_RATE_LIMIT_WINDOW_MS,
      authFailMax: e.PARLEY_AUTH_FAIL_LIMIT_MAX,
    },
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
      activityTtlMs: e.PARLEY_ACTIVITY_TTL_MS,
      activitySweepMs: e.PARLEY_ACTIVITY_SWEEP_MS,
      contactExpirySweepMs: e.PARLEY_CONTACT_EXPIRY_SWEEP_MS,
    },
    shutdownTimeoutMs: e.PARLEY_SHUTDOWN_TIMEOUT_MS,
    metricsToken: e.PARLEY_METRICS_TOKEN,
    corsOrigins: e.PARLEY_CORS_ORIGINS,
    llm:
      e.PARLEY_LLM_BASE_URL && e.PARLEY_LLM_MODELS
        ? {
            baseUrl: e.PARLEY_LLM_BASE_URL.replace(/\/+$/, ''),
            apiKey: e.PARLEY_LLM_API_KEY,
            models: e.PARLEY_LLM_MODELS,
            timeoutMs: e.PARLEY_LLM_TIMEOUT_MS,
            maxAttempts: e.PARLEY_LLM_MAX_ATTEMPTS,
            retryDelayMs: e.PARLEY_LLM_RETRY_DELAY_MS,
          }
        : undefined,
    platformAgentsScanMs: e.PARLEY_PLATFORM_AGENTS_SCAN_MS,
    platformAgentsDrainMs: e.PARLEY_PLATFORM_AGENTS_DRAIN_MS,
    platformAgentsCloseGraceMs: e.PARLEY_PLATFORM_AGENTS_CLOSE_GRACE_MS,
  };
}
