import { type ErrorCode, errorCodes } from '@parley/contracts/errorCodes';

/**
 * The one error the domain throws. `code` picks the HTTP status from the contracts' table;
 * `details` is returned to the client as is, so it must never hold internals.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? errorCodes[code].message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorCodes[this.code].status;
  }
}

/** A 422 whose details map JSON Pointers to messages (docs/errors.md). */
export function validationError(pointer: string, message: string, code: ErrorCode = 'validation_error'): AppError {
  return new AppError(code, message, { [pointer]: [message] });
}

export function notFound(what = 'Resource'): AppError {
  return new AppError('not_found', `${what} not found`);
}
