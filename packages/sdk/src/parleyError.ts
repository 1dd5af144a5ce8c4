import { TRPCClientError } from '@trpc/client';
import type { ParleyRouter } from './parleyRouter.js';
import { parseRetryAfter } from './retryAfter.js';

type ErrorShape = NonNullable<TRPCClientError<ParleyRouter>['shape']>;

/** Machine codes the server answers with (`error.code` of a REST error body, docs/errors.md). */
export type ServerErrorCode = ErrorShape['error']['code'];

/**
 * Codes for failures without a server answer: the network failed, the request timed out, the
 * caller aborted it, or the answer was not a Parley response.
 */
export type ClientErrorCode = 'network_error' | 'timeout' | 'aborted' | 'bad_response' | 'client_error';

export type ParleyErrorCode = ServerErrorCode | ClientErrorCode;

export interface ParleyErrorOptions {
  status: number;
  code: ParleyErrorCode;
  details?: Record<string, unknown> | undefined;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
  cause?: unknown;
  shape?: ErrorShape | undefined;
  meta?: Record<string, unknown> | undefined;
}

/**
 * Every failed call of a Parley client rejects with a `ParleyError`: the HTTP `status` (0 when no
 * answer came), the server's machine `code`, its `details` and the `requestId` to quote in a bug
 * report. It is a `TRPCClientError`, so tRPC tooling keeps working with it.
 *
 * @example
 * ```ts
 * try {
 *   await client.agent.chats.get.query({ id: roomId });
 * } catch (error) {
 *   if (error instanceof ParleyError && error.code === 'not_found') console.log('no such room');
 *   else throw error;
 * }
 * ```
 */
export class ParleyError extends TRPCClientError<ParleyRouter> {
  /** The HTTP status of the answer; 0 when there was none (network error, timeout, abort). */
  readonly status: number;
  readonly code: ParleyErrorCode;
  /** Whatever the server added: for validation errors, JSON pointers mapped to messages. */
  readonly details: Record<string, unknown> | undefined;
  /** The server's request id (`X-Request-ID`), when it answered. */
  readonly requestId: string | undefined;
  /** How long the server asked us to wait (`Retry-After` of a 429), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: ParleyErrorOptions) {
    super(message, {
      ...(options.cause instanceof Error ? { cause: options.cause } : {}),
      ...(options.shape ? { result: { error: options.shape } } : {}),
      ...(options.meta ? { meta: options.meta } : {}),
    });
    // TRPCClientError pins its own prototype; restore ours so `instanceof ParleyError` holds.
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'ParleyError';
    this.status = options.status;
    this.code = options.code;
    this.details = options.details;
    this.requestId = options.requestId;
    this.retryAfterMs = options.retryAfterMs;
  }

  /**
   * Turns whatever a tRPC link produced into a `ParleyError`: the server's error shape when there
   * is one, otherwise a client-side code. Idempotent.
   *
   * @example
   * ```ts
   * const error = ParleyError.from(caught);
   * if (error.status === 429) await sleep(error.retryAfterMs ?? 1000);
   * ```
   */
  static override from(error: unknown): ParleyError {
    if (error instanceof ParleyError) return error;
    const clientError = error instanceof TRPCClientError ? error : undefined;
    const response = responseOf(clientError?.meta);
    const shape = clientError?.shape as Partial<ErrorShape> | undefined;
    if (clientError && shape && typeof shape === 'object') {
      const status = shape.data?.httpStatus ?? response?.status ?? 500;
      const ours = shape.error;
      return new ParleyError(ours?.message ?? clientError.message, {
        status,
        code: ours?.code ?? codeForStatus(status),
        details: ours?.details,
        requestId: ours?.request_id ?? response?.headers.get('x-request-id') ?? undefined,
        retryAfterMs: parseRetryAfter(response?.headers.get('retry-after')),
        cause: clientError.cause,
        shape: shape as ErrorShape,
        meta: clientError.meta,
      });
    }
    const cause = clientError ? (clientError.cause ?? error) : error;
    const message = messageOf(cause) ?? clientError?.message ?? 'Unknown error';
    const base = { cause, meta: clientError?.meta };
    if (isAbortError(cause)) return new ParleyError(message, { ...base, status: 0, code: 'aborted' });
    // The event stream's connection answered with an HTTP error before any event (eventsource
    // reports the status as `code`).
    const streamStatus = httpStatusOf(cause);
    if (streamStatus)
      return new ParleyError(message, { ...base, status: streamStatus, code: codeForStatus(streamStatus) });
    if (cause instanceof SyntaxError) {
      return new ParleyError(`The server's answer is not a Parley response: ${message}`, {
        ...base,
        status: response?.status ?? 0,
        code: 'bad_response',
      });
    }
    // fetch rejects with a TypeError when the network fails, in every runtime.
    if (cause instanceof TypeError) return new ParleyError(message, { ...base, status: 0, code: 'network_error' });
    return new ParleyError(message, { ...base, status: 0, code: 'client_error' });
  }
}

/** The server's code for an HTTP status it answered without our error body. */
function codeForStatus(status: number): ParleyErrorCode {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 422:
      return 'validation_error';
    case 429:
      return 'rate_limited';
    case 503:
      return 'service_unavailable';
    default:
      return status >= 500 ? 'internal_error' : 'bad_response';
  }
}

function responseOf(meta: Record<string, unknown> | undefined): Response | undefined {
  const response = meta?.response;
  return typeof Response !== 'undefined' && response instanceof Response ? response : undefined;
}

function messageOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'message' in value && typeof value.message === 'string') {
    return value.message || undefined;
  }
  return undefined;
}

function isAbortError(value: unknown): boolean {
  return value instanceof Error && (value.name === 'AbortError' || value.name === 'TimeoutError');
}

function httpStatusOf(value: unknown): number | undefined {
  if (!value || typeof value !== 'object' || !('code' in value)) return undefined;
  const code = value.code;
  return typeof code === 'number' && code >= 400 && code < 600 ? code : undefined;
}
