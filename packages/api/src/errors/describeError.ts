import { type ErrorCode, errorCodes } from '@parley/contracts/errorCodes';
import { AppError } from '@parley/core/appError';
import { isConnectionFailure } from '@parley/db/connectionFailure';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';

export interface DescribedError {
  code: ErrorCode;
  status: number;
  message: string;
  details?: Record<string, unknown>;
}

/** RFC 6901: a JSON Pointer to `path`. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

type Issue = ZodError['issues'][number];

function isZodError(value: unknown): value is ZodError {
  return value instanceof ZodError || (value instanceof Error && value.name === 'ZodError' && 'issues' in value);
}

/**
 * Zod issues → our two validation answers: any property the schema does not know is a 400
 * `unknown_property` listing the pointers; everything else is a 422 `validation_error` with
 * `details` mapping each pointer to its messages.
 */
function describeZodError(error: ZodError): DescribedError {
  const unknown: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) unknown.push(jsonPointer([...issue.path, key]));
    }
  }
  if (unknown.length > 0) {
    return {
      code: 'unknown_property',
      status: 400,
      message: `Unknown propert${unknown.length === 1 ? 'y' : 'ies'}: ${unknown.join(', ')}`,
      details: { unknown_properties: unknown },
    };
  }
  const details: Record<string, string[]> = {};
  for (const issue of error.issues as Issue[]) {
    const pointer = jsonPointer(issue.path) || '/';
    details[pointer] = [...(details[pointer] ?? []), issue.message];
  }
  const first = Object.entries(details)[0];
  return {
    code: 'validation_error',
    status: 422,
    message: first ? `${first[0]}: ${first[1][0]}` : 'Invalid input',
    details,
  };
}

const TRPC_CODE_TO_ERROR: Partial<Record<TRPCError['code'], ErrorCode>> = {
  PARSE_ERROR: 'bad_request',
  BAD_REQUEST: 'bad_request',
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not_found',
  METHOD_NOT_SUPPORTED: 'not_found',
  CONFLICT: 'conflict',
  PAYLOAD_TOO_LARGE: 'payload_too_large',
  UNSUPPORTED_MEDIA_TYPE: 'unsupported_media_type',
  UNPROCESSABLE_CONTENT: 'validation_error',
  TOO_MANY_REQUESTS: 'rate_limited',
};

/** What a request gets when the database cannot be reached or does not answer in time. */
export function databaseUnavailable(cause?: unknown): AppError {
  const error = new AppError('service_unavailable', 'The database is unavailable; retry after the Retry-After delay');
  // Kept for the server's log, never sent.
  if (cause !== undefined) error.cause = cause;
  return error;
}

/** A domain error as it is, a database outage as a 503, anything else as undefined. */
export function asAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  return isConnectionFailure(error) ? databaseUnavailable(error) : undefined;
}

/**
 * The one translation from anything thrown to the client's view of it: code, status, message,
 * details. Unexpected errors become a generic 500 so no stack, SQL or internal text leaks.
 */
export function describeError(error: unknown): DescribedError {
  const cause = error instanceof TRPCError ? error.cause : error;
  const app = asAppError(cause);
  if (app) {
    return {
      code: app.code,
      status: app.status,
      message: app.message,
      ...(app.details ? { details: app.details } : {}),
    };
  }
  // Input validation fails with BAD_REQUEST; a ZodError under any other code is an output bug (500).
  if (error instanceof TRPCError && error.code === 'BAD_REQUEST' && isZodError(cause)) return describeZodError(cause);
  if (error instanceof TRPCError) {
    const code = TRPC_CODE_TO_ERROR[error.code];
    if (code) {
      const message = error.code === 'PARSE_ERROR' ? 'Malformed JSON' : error.message || errorCodes[code].message;
      return { code, status: errorCodes[code].status, message };
    }
  }
  return { code: 'internal_error', status: 500, message: errorCodes.internal_error.message };
}
