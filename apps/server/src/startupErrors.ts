import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isConnectionFailure } from '@parley/db/connectionFailure';

/**
 * SQLSTATEs of a connection the server refused at start: wrong password or user (28P01, 28000),
 * no such database (3D000).
 */
const REFUSED_AT_LOGIN = new Set(['28P01', '28000', '3D000']);

/** `host:port/database` of a PostgreSQL URL: never its user or password. */
export function databaseLocation(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || 'localhost';
    return `${host}:${u.port || '5432'}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return 'an unparsable URL';
  }
}

/** The innermost message of an error chain (a failed migration wraps the connection's error). */
function rootMessage(error: unknown): string {
  let e = error;
  for (let i = 0; i < 5 && e instanceof Error && e.cause instanceof Error; i++) e = e.cause;
  if (e instanceof AggregateError && e.errors[0] instanceof Error) e = e.errors[0];
  if (!(e instanceof Error)) return String(e);
  const code = (e as { code?: unknown }).code;
  return e.message || (typeof code === 'string' ? code : e.name);
}

/**
 * A start-up failure to reach PostgreSQL, restated so that it says what to fix: the variable and
 * where it points. Other errors are returned as they are. The URL's password never appears.
 */
export function databaseStartupError(url: string, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const refused = typeof code === 'string' && REFUSED_AT_LOGIN.has(code);
  if (!refused && !isConnectionFailure(error)) return error;
  const what = refused ? 'refused the connection' : 'cannot be reached';
  return new Error(
    `DATABASE_URL: the PostgreSQL server at ${databaseLocation(url)} ${what} (${rootMessage(error)}); check that it runs and that DATABASE_URL points to it`,
    { cause: error },
  );
}

/** A failure to listen, restated with the variable to change (`HOST` or `PORT`). */
export function listenStartupError(host: string, port: number, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return new Error(
        `PORT=${port}: the port is already in use on ${host}; stop the other server or pick another PORT`,
      );
    case 'EACCES':
      return new Error(`PORT=${port}: not allowed to listen on this port (ports below 1024 need privileges)`);
    case 'EADDRNOTAVAIL':
      return new Error(`HOST=${host}: this machine has no such address to listen on`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new Error(`HOST=${host}: the name does not resolve to an address of this machine`);
    default:
      return error;
  }
}

/**
 * Looks `host` up before anything slow starts (opening the database), so that a name that does
 * not resolve stops the server at once with a message naming `HOST`.
 */
export async function checkListenHost(host: string): Promise<void> {
  if (isIP(host) !== 0) return;
  try {
    await lookup(host);
  } catch (error) {
    throw listenStartupError(host, 0, error);
  }
}
