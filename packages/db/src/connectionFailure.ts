/**
 * SQLSTATEs that say the database, not the statement, failed: the connection was cut (class 08),
 * the server is shutting down or restarting (57P01-57P03), it has no connection slot left
 * (53300), or it cancelled a statement that ran past `statement_timeout` (57014: our statements
 * are short, so one that takes that long means the database is stuck or locked up) or an idle
 * transaction past its limit (25P03).
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '57014', '25P03']);

/** Socket errors on the way to the database. */
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * What `pg` and its pool throw, without a code, when a connection is lost, cannot be made in
 * time, or a statement got no answer in time (`query_timeout`); and the embedded engine once
 * closed (only during shutdown).
 */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
  'PGlite is closed',
];

/**
 * True when `error` means the database could not be reached or did not answer, rather than that
 * the statement was wrong: the request may succeed if retried later, so it is a 503, not a 500.
 * Looks through `cause` chains (a failed migration wraps its cause).
 */
export function isConnectionFailure(error: unknown): boolean {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const { code, message, errors, cause } = e as {
      code?: unknown;
      message?: unknown;
      errors?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string') {
      if (code.startsWith('08') && code.length === 5) return true;
      if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code)) return true;
    }
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => message.startsWith(m))) return true;
    // `connect` to a name with several addresses fails with an AggregateError of each attempt.
    if (Array.isArray(errors) && errors.some((inner) => isConnectionFailure(inner))) return true;
    e = cause;
  }
  return false;
}
