import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';

/** Where pino writes its JSON lines. */
export interface LogStream {
  write(line: string): void;
}

import { redactUrl, requestLogSerializer } from './socket/requestLogSerializer.js';

/** Secrets that must never reach a log line, wherever a logged object carries them. */
const LOG_REDACTIONS = {
  paths: ['apiKey', '*.apiKey', 'api_key', '*.api_key', 'req.headers.authorization', 'req.headers["x-api-key"]'],
  censor: '[redacted]',
};

/**
 * Pino's options: JSON lines (one object per line, for log collectors), or, when stdout is a
 * terminal, pino-pretty's coloured one-liners in a worker thread. `stream` (tests) takes the JSON.
 */
export function loggerOptions(
  level: Config['logLevel'],
  options: { pretty: boolean; stream?: LogStream | undefined },
): NonNullable<FastifyServerOptions['logger']> {
  const base = { level, serializers: { req: requestLogSerializer }, redact: LOG_REDACTIONS };
  if (options.stream) return { ...base, stream: options.stream };
  if (!options.pretty) return base;
  return {
    ...base,
    transport: {
      // By path: pino resolves a bare name from its own folder, where pnpm does not put pino-pretty.
      target: createRequire(import.meta.url).resolve('pino-pretty'),
      options: { colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
    },
  };
}

const RECEIVED_URL = Symbol('receivedUrl');

/** The URL as received: the REST adapter rewrites `request.url` (and the raw one) below its prefix. */
export function receivedUrl(request: FastifyRequest): string {
  return (request as FastifyRequest & { [RECEIVED_URL]?: string })[RECEIVED_URL] ?? request.url;
}

/** Keeps the URL as received, for the request log line and the metrics' route label. */
export function registerReceivedUrl(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    (request as FastifyRequest & { [RECEIVED_URL]?: string })[RECEIVED_URL] = request.url;
  });
}

/**
 * One `info` line per request, when it is answered: method, URL (secrets masked), status and
 * duration, with the request id (`reqId`) that pino's request logger carries. Fastify's own pair of
 * lines ("incoming request", "request completed") is turned off in `buildServer`.
 */
export function registerRequestLog(app: FastifyInstance) {
  // A logger that drops `info` (off, or a higher level) costs no hook at all.
  const log = app.log as { isLevelEnabled?: (level: string) => boolean };
  if (!log.isLevelEnabled?.('info')) return;
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: redactUrl(receivedUrl(request)),
        status: reply.statusCode,
        duration_ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });
}
