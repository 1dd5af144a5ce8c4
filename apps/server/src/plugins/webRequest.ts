import type { WebRequest } from '@parley/api/context';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The browser session cookie's name. */
export const SESSION_COOKIE = 'parley_session';

/** The session cookie's value from a `Cookie` header, if any. */
export function sessionCookieOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * The browser side of a request for the procedures: the session cookie, Origin, this server's
 * own origin, and the cookie setter. The cookie is httpOnly, SameSite=Lax, and Secure whenever
 * the client reached us over https (directly or, with `PARLEY_TRUST_PROXY`, through a proxy).
 */
export function webRequestOf(request: FastifyRequest, reply: FastifyReply): WebRequest {
  const secure = request.protocol === 'https';
  return {
    sessionToken: sessionCookieOf(request.headers.cookie),
    origin: request.headers.origin,
    ownOrigin: `${request.protocol}://${request.host}`,
    ip: request.ip,
    setSessionCookie(session) {
      const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])];
      const value = session
        ? `${SESSION_COOKIE}=${session.token}; Expires=${new Date(session.expiresAt).toUTCString()}`
        : `${SESSION_COOKIE}=; Max-Age=0`;
      reply.header('set-cookie', `${value}; ${attributes.join('; ')}`);
    },
  };
}
