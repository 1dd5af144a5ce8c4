import { databaseUnavailable } from '@parley/api/errors/describeError';
import { trpcCodeForStatus } from '@parley/api/errors/trpcCodeForStatus';
import { type ErrorCode, errorCodes } from '@parley/contracts/errorCodes';
import { isConnectionFailure } from '@parley/db/connectionFailure';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * A native tRPC client only understands tRPC's own error envelope, so errors raised before tRPC
 * runs (rate limits, body limits) are wrapped in it on `/trpc`, once per call of a batch. Our
 * `error` object rides along inside, as it does on errors that come from procedures.
 */
function trpcEnvelope(request: FastifyRequest, status: number, ours: Record<string, unknown>) {
  const key = trpcCodeForStatus(status);
  const shape = {
    message: ours.message,
    code: TRPC_ERROR_CODES_BY_KEY[key],
    data: { code: key, httpStatus: status },
    error: ours,
  };
  const url = new URL(request.url, 'http://local');
  if (url.searchParams.get('batch') !== '1') return { error: shape };
  const calls = url.pathname.replace(/^\/trpc\/?/, '').split(',').length;
  return Array.from({ length: calls }, () => ({ error: shape }));
}

/** Sends the error envelope (docs/errors.md) with the status of `code`. */
export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  message: string = errorCodes[code].message,
  details?: Record<string, unknown>,
) {
  const status = errorCodes[code].status;
  const ours = { code, message, ...(details ? { details } : {}), request_id: request.id };
  const body = request.url.startsWith('/trpc') ? trpcEnvelope(request, status, ours) : { error: ours };
  return reply.code(status).type('application/json').send(body);
}

/** Fastify's own errors (body parsing, limits) → our codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
};

function codeForStatus(status: number | undefined): ErrorCode {
  switch (status) {
    case 400:
      return 'bad_request';
    case 404:
      return 'not_found';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    default:
      return 'internal_error';
  }
}

/**
 * Seconds a client should wait before retrying a 503 (the database is down or the server is
 * stopping): long enough for a failover or a restart to get somewhere, short enough to notice.
 */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_S = 2;

/**
 * Errors raised outside tRPC (malformed JSON, oversized bodies, unknown routes, rate limits) get
 * the same body as everything else. Anything unexpected is logged and answered with a generic
 * 500: no stack trace or SQL reaches a client.
 */
export function registerErrorHandling(app: FastifyInstance) {
  // Every 503 says when to come back, whichever layer answered it (tRPC's own handler answers
  // with a Fetch Response whose status Fastify applies later).
  app.addHook('onSend', async (_request, reply, payload) => {
    if (payload instanceof Response) {
      if (payload.status === 503 && !payload.headers.has('retry-after')) {
        payload.headers.set('retry-after', String(SERVICE_UNAVAILABLE_RETRY_AFTER_S));
      }
    } else if (reply.statusCode === 503 && !reply.hasHeader('retry-after')) {
      reply.header('retry-after', SERVICE_UNAVAILABLE_RETRY_AFTER_S);
    }
    return payload;
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isConnectionFailure(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return sendError(request, reply, 'service_unavailable', databaseUnavailable().message);
    }
    const code = (error.code && FASTIFY_CODES[error.code]) || codeForStatus(error.statusCode);
    if (code === 'internal_error') {
      request.log.error({ err: error }, 'unhandled error');
      return sendError(request, reply, code);
    }
    if (code === 'rate_limited')
      return sendError(request, reply, code, 'Too many requests; retry after the Retry-After delay');
    const message =
      code === 'bad_request' && error.code !== 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' ? error.message : undefined;
    return sendError(request, reply, code, message);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}`),
  );
}
