import { createHash } from 'node:crypto';
import { apiKeyFromHeaders } from '@parley/api/context';
import type { CoreDeps } from '@parley/core/deps';
import type { Database } from '@parley/db/database';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  type IdempotencyScope,
  pruneIdempotencyKeys,
  releaseIdempotencyKey,
} from '@parley/db/repositories/idempotencyKeys';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from './errorHandling.js';

/** How long a first request holds its key before a retry may take it over (its server died). */
const LOCK_SECONDS = 60;
const KEY = /^[\x21-\x7e]{1,255}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: IdempotencyScope & { replay?: boolean; resumed?: boolean };
    /** The deps the request's procedures see: with its key, so that `transact` records effects. */
    idempotentDeps?: CoreDeps;
    idempotencyResponse?: { status: number; body: string } | null;
  }
}

/** What makes two requests "the same": method, path with query, and the body as sent. */
export function requestHash(method: string, url: string, body: unknown): string {
  const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
  return createHash('sha256').update(`${method} ${url}\n${text}`).digest('hex');
}

export function apiKeyHash(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

/**
 * `Idempotency-Key` on every POST, REST and native tRPC alike (docs/idempotency-keys.md). The key
 * is taken in its own statement before the request runs; each domain transaction records its
 * result on the key before it commits (`requestDeps` hands the key to the domain); the response
 * is stored as soon as it is sent. A client that lost the response (a timeout, a dropped
 * connection, a proxy, a crash of the server) gets the stored response, or a response rebuilt
 * from the recorded effects, on its retry, and nothing runs twice. Keys are scoped per API key.
 */
export function registerIdempotency(app: FastifyInstance, db: Database) {
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || !(request.url.startsWith('/api/') || request.url.startsWith('/trpc'))) return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    const apiKey = apiKeyFromHeaders(request.headers);
    if (!apiKey) return; // refused as unauthenticated further on
    if (typeof header !== 'string' || !KEY.test(header)) {
      return sendError(request, reply, 'bad_request', 'Idempotency-Key must be 1–255 visible ASCII characters');
    }
    const scope = { apiKeyHash: apiKeyHash(apiKey), key: header };
    const claim = await claimIdempotencyKey(db, {
      ...scope,
      requestHash: requestHash(request.method, request.url, request.body),
      lockSeconds: LOCK_SECONDS,
    });
    if (Math.random() < 0.001) pruneIdempotencyKeys(db).catch((err) => request.log.warn({ err }, 'prune failed'));
    switch (claim.kind) {
      case 'started':
        request.idempotency = { ...scope, resumed: claim.resumed };
        // A run that committed effects before: this one answers with them (a replay, rebuilt).
        if (claim.resumed) reply.header('idempotent-replayed', 'true');
        return;
      case 'reused':
        return sendError(request, reply, 'idempotency_key_reused');
      case 'in_use':
        return sendError(request, reply, 'idempotency_key_in_use');
      case 'replay':
        request.idempotency = { ...scope, replay: true };
        return reply
          .code(claim.status)
          .header('idempotent-replayed', 'true')
          .type('application/json')
          .send(claim.body || undefined);
    }
  });

  // The response is captured as it is sent and stored once it is out, so storing never delays
  // the answer. A retry arriving in between gets 409 idempotency_key_in_use and retries (the SDK
  // does), then the replay.
  app.addHook('onSend', (request: FastifyRequest, reply, payload, done) => {
    const scope = request.idempotency;
    if (scope && !scope.replay) {
      const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
      const storable = body !== null || payload === null || payload === undefined;
      request.idempotencyResponse = storable ? { status: reply.statusCode, body: body ?? '' } : null;
    }
    done(null, payload);
  });

  app.addHook('onResponse', async (request) => {
    const scope = request.idempotency;
    if (!scope || scope.replay) return;
    const response = request.idempotencyResponse;
    try {
      // Not taken effect (a failure of ours, a rate limit), or not storable: a retry runs it again.
      if (!response || response.status >= 500 || response.status === 429) await releaseIdempotencyKey(db, scope);
      else await completeIdempotencyKey(db, scope, response.status, response.body);
    } catch (err) {
      // The key stays `running` until its lock ends; then a retry may take it over.
      request.log.error({ err }, 'could not store the idempotent response');
    }
  });
}

/**
 * The deps a request's procedures run with: the server's, plus the request's key when it took one
 * (once per request, so a tRPC batch numbers its transactions in one sequence).
 */
export function requestDeps(request: FastifyRequest, deps: CoreDeps): CoreDeps {
  const scope = request.idempotency;
  // A tRPC batch runs its calls at once: their transactions have no order to number them by, so
  // a batch keeps to the stored response alone.
  if (!scope || scope.replay || isTrpcBatch(request)) return deps;
  request.idempotentDeps ??= {
    ...deps,
    idempotency: { apiKeyHash: scope.apiKeyHash, key: scope.key, resumed: scope.resumed === true, nextSlot: 0 },
  };
  return request.idempotentDeps;
}

function isTrpcBatch(request: FastifyRequest): boolean {
  return request.url.startsWith('/trpc') && /[?&]batch=1(&|$)/.test(request.url);
}
