import type { AppRouter } from '@parley/api/appRouter';
import { apiKeyFromHeaders, type Context } from '@parley/api/context';
import type { OperationMeta } from '@parley/contracts/operationMeta';
import type { CoreDeps } from '@parley/core/deps';
import type { EventHub } from '@parley/realtime/eventHub';
import { type FastifyTRPCPluginOptions, fastifyRequestHandler } from '@trpc/server/adapters/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createResponseMeta, unwrapCause } from './responseMeta.js';
import { serveSingleCall } from './singleTrpcCall.js';
import { webRequestOf } from './webRequest.js';

type TrpcRequest = FastifyRequest<{ Params: { path: string }; Querystring: Record<string, string | undefined> }>;

/**
 * Native tRPC at `/trpc`: what the SDK and the web app speak. A single query or mutation is
 * served directly (`serveSingleCall`); batches, subscriptions (SSE) and every request it declines
 * go through tRPC's own Fastify handler. The route is the one `fastifyTRPCPlugin` registers.
 */
export async function nativeTrpc(
  app: FastifyInstance,
  opts: { router: AppRouter; deps: CoreDeps; events: EventHub; metas: Map<string, OperationMeta> },
) {
  const createContext = (req: FastifyRequest, reply: FastifyReply): Context => ({
    deps: opts.deps,
    events: opts.events,
    apiKey: apiKeyFromHeaders(req.headers),
    requestId: req.id,
    web: webRequestOf(req, reply),
  });
  const responseMeta = createResponseMeta(opts.metas, { successStatus: false });
  const onError = ({ error, req }: { error: { code: string; cause?: unknown }; req: FastifyRequest }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR') req.log.error({ err: error.cause ?? error }, 'procedure failed');
    else if (error.code === 'SERVICE_UNAVAILABLE') req.log.warn({ err: unwrapCause(error) }, 'service unavailable');
  };
  const trpcOptions: FastifyTRPCPluginOptions<AppRouter>['trpcOptions'] = {
    router: opts.router,
    createContext: ({ req, res }) => createContext(req, res),
    responseMeta,
    onError,
  };

  await app.register(
    async (scope) => {
      // As fastifyTRPCPlugin: tRPC parses the JSON body itself, so it arrives as a string.
      scope.removeContentTypeParser('application/json');
      scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
      scope.removeContentTypeParser('multipart/form-data');
      scope.addContentTypeParser('multipart/form-data', {}, (_req, body, done) => done(null, body));
      scope.addHook('onSend', async (_request, reply, payload) => settleJsonResponse(reply, payload));
      scope.all('/:path', async (request: TrpcRequest, reply) => {
        const served = await serveSingleCall(request, reply, {
          router: opts.router,
          createContext,
          statusOf: (error) => responseMeta({ errors: error ? [error] : [] }).status ?? 200,
          onError: (error, req) => onError({ error, req }),
        });
        if (!served)
          await fastifyRequestHandler({ ...trpcOptions, req: request, res: reply, path: request.params.path });
      });
    },
    { prefix: '/trpc' },
  );
}

/**
 * tRPC's own handler answers with a Fetch `Response`, which Fastify streams: chunked encoding, a
 * socket write for the chunk and another for the terminator. A plain JSON answer is complete
 * already, so it is sent as one string with a Content-Length (one write). Streams (SSE
 * subscriptions, chunked JSONL batches) pass through untouched.
 */
async function settleJsonResponse(reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (!(payload instanceof Response)) return payload;
  const type = payload.headers.get('content-type') ?? '';
  if (!type.startsWith('application/json') || payload.headers.has('transfer-encoding')) return payload;
  reply.code(payload.status);
  for (const [name, value] of payload.headers) reply.header(name, value);
  return payload.text();
}
