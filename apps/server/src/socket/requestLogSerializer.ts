import type { FastifyRequest } from 'fastify';

const SECRET_PARAMS = /([?&](?:api_key|token)=)[^&#]*/gi;

/** A URL fit for logs: the socket's `api_key` query parameter (vendor clients send it) masked. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

/**
 * Fastify's default request log fields, with the URL redacted: socket clients put their API key in
 * the query string, and access logs must never hold a usable credential.
 */
export function requestLogSerializer(request: FastifyRequest): Record<string, string | number | undefined> {
  const version = request.headers?.['accept-version'];
  return {
    method: request.method,
    url: redactUrl(request.url),
    version: typeof version === 'string' ? version : undefined,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
