import websocket from '@fastify/websocket';
import { apiKeyFromHeaders } from '@parley/api/context';
import { AppError } from '@parley/core/appError';
import { type Identity, principalIdOf } from '@parley/core/auth/identity';
import { resolveSocketIdentity } from '@parley/core/auth/socketIdentity';
import type { CoreDeps } from '@parley/core/deps';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RealtimeConfig } from '../config.js';
import type { Realtime } from '../realtime/realtimeService.js';
import { CloseCode } from './phoenixFrames.js';
import { SocketConnection } from './socketConnection.js';

export const SOCKET_PATH = '/api/v1/socket/websocket';

/** Largest client frame accepted (joins and heartbeats are tiny). */
const MAX_CLIENT_FRAME = 64 * 1024;

interface SocketQuery {
  vsn?: unknown;
  api_key?: unknown;
  agent_id?: unknown;
  on_conflict?: unknown;
}

function refuse(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message, request_id: request.id } });
}

/**
 * The vendor-compatible Phoenix Channels socket (docs/realtime.md) at `/api/v1/socket/websocket`. The key
 * and `vsn` are checked before the upgrade, so a refused client gets a plain HTTP error with the
 * usual error body. A static route: it wins over the REST catch-all under `/api/v1`.
 */
export async function registerPhoenixSocket(
  app: FastifyInstance,
  opts: { deps: CoreDeps; realtime: Realtime; config: RealtimeConfig },
) {
  const identities = new WeakMap<FastifyRequest, Identity>();
  const credentials = new WeakMap<FastifyRequest, { key: string | undefined; agentId: string | undefined }>();
  const connections = new Set<SocketConnection>();

  await app.register(websocket, {
    options: { maxPayload: MAX_CLIENT_FRAME },
    preClose(done) {
      for (const connection of connections) connection.close(CloseCode.goingAway, 'server shutting down');
      this.websocketServer.close(() => done());
    },
  });

  // An upgrade refused before @fastify/websocket's own onRequest hook ran (the rate limiter's 429
  // comes first) is not one the plugin knows of, so it would never close the connection, which has
  // left the HTTP server's bookkeeping: it would stay open and hold up a graceful shutdown.
  app.addHook('onResponse', async (request) => {
    if (request.raw.headers.upgrade && !request.ws) request.raw.socket.destroySoon();
  });

  app.route({
    method: 'GET',
    url: SOCKET_PATH,
    async preValidation(request, reply) {
      const query = (request.query ?? {}) as SocketQuery;
      if (query.vsn !== '2.0.0') {
        return refuse(request, reply, 400, 'bad_request', 'Connect with the Phoenix serializer: vsn=2.0.0');
      }
      if (query.on_conflict !== undefined && query.on_conflict !== 'supersede' && query.on_conflict !== 'reject') {
        return refuse(request, reply, 400, 'invalid_on_conflict', 'on_conflict is "supersede" (default) or "reject"');
      }
      // The header wins over the query, as the vendor's clients expect (they may send both).
      const key = apiKeyFromHeaders(request.headers) ?? (typeof query.api_key === 'string' ? query.api_key : undefined);
      const agentId = typeof query.agent_id === 'string' ? query.agent_id : undefined;
      try {
        const identity = await resolveSocketIdentity(opts.deps, key, agentId);
        // `reject` keeps the live socket instead of replacing it (docs/realtime.md).
        if (
          query.on_conflict === 'reject' &&
          identity.kind === 'agent' &&
          (await opts.realtime.sessions.isLive(principalIdOf(identity)))
        ) {
          throw new AppError('connection_conflict');
        }
        identities.set(request, identity);
        credentials.set(request, { key, agentId });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return refuse(request, reply, error.status, error.code, error.message);
      }
      // The connection subscribes as soon as it opens, and the event feed idles without subscribers.
      try {
        await opts.realtime.hub.ready();
      } catch {
        return refuse(request, reply, 503, 'service_unavailable', 'Events are unavailable right now; retry shortly');
      }
    },
    handler: (request, reply) =>
      refuse(request, reply, 426, 'bad_request', 'This endpoint speaks WebSocket (Phoenix Channels v2)'),
    wsHandler: (ws, request) => {
      const identity = identities.get(request);
      if (!identity) return ws.close(CloseCode.goingAway, 'not authenticated');
      // An agent's frames wait for its session claim: once it has a join reply, a later connection
      // of the same agent is also the newer claim, and wins.
      let claimed: () => void = () => {};
      let unwatch = () => {};
      const ready = new Promise<void>((resolve) => {
        claimed = resolve;
      });
      const connection = new SocketConnection(ws, identity, {
        ready,
        deps: opts.deps,
        hub: opts.realtime.hub,
        log: request.log,
        idleTimeoutMs: opts.config.socketIdleTimeoutMs,
        revalidateMs: opts.config.socketRecheckMs,
        // Only a definite 401/403 ends the socket; a database hiccup does not.
        revalidate: () =>
          resolveSocketIdentity(opts.deps, credentials.get(request)?.key, credentials.get(request)?.agentId).then(
            () => true,
            (error: unknown) => !(error instanceof AppError && (error.status === 401 || error.status === 403)),
          ),
        maxBufferedBytes: opts.config.socketBufferBytes,
        onClosed: (c) => {
          unwatch();
          connections.delete(c);
          opts.realtime.sessions.release(c);
        },
      });
      // Checked at once when the principal's keys change (or its owner's: a socket may be opened
      // with the owner's key and an agent_id), on whichever instance the change was made.
      const watched = [principalIdOf(identity), ...(identity.kind === 'agent' ? [identity.ownerId] : [])];
      const unwatchAll = watched.map((id) =>
        opts.realtime.hub.credentials.watch(id, () => connection.recheckCredentials()),
      );
      unwatch = () => {
        for (const u of unwatchAll) u();
      };
      connections.add(connection);
      if (identity.kind !== 'agent') claimed();
      else {
        opts.realtime.sessions
          .claim(connection)
          .catch((err: unknown) => request.log.warn({ err }, 'claiming the agent session failed'))
          .finally(claimed);
      }
    },
  });
}
