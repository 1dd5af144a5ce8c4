import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import { sendError } from '../plugins/errorHandling.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * A client on this machine talking to us directly: the TCP peer is a loopback address and no
 * proxy forwarded the request. `request.ip` is not used: with PARLEY_TRUST_PROXY it is whatever
 * `X-Forwarded-For` claims. And a reverse proxy on this host connects from loopback too, so a
 * request it forwards (it says so in `X-Forwarded-For`/`Forwarded`) is not local.
 */
function isLocalClient(request: FastifyRequest): boolean {
  const peer = request.raw.socket.remoteAddress ?? '';
  const forwarded = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return LOOPBACK.test(peer) && !forwarded;
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * `GET /metrics` in Prometheus' text format. With PARLEY_METRICS_TOKEN set, a scraper sends it as
 * `Authorization: Bearer <token>` (from anywhere); without one, only local clients may read.
 */
export function registerMetricsEndpoint(app: FastifyInstance, opts: { registry: Registry; token: string | undefined }) {
  app.get('/metrics', async (request, reply) => {
    if (opts.token) {
      const header = request.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
      if (!given || !sameSecret(given, opts.token)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        return sendError(request, reply, 'unauthorized', 'Metrics need the PARLEY_METRICS_TOKEN bearer token');
      }
    } else if (!isLocalClient(request)) {
      return sendError(
        request,
        reply,
        'forbidden',
        'Metrics are served to clients on this machine only; set PARLEY_METRICS_TOKEN to scrape from elsewhere',
      );
    }
    const body = await opts.registry.metrics();
    return reply.type(opts.registry.contentType).send(body);
  });
}
