import type { AppRouter } from '@parley/api/appRouter';
import { apiKeyFromHeaders, type Context } from '@parley/api/context';
import type { OperationMeta } from '@parley/contracts/operationMeta';
import type { CoreDeps } from '@parley/core/deps';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { createResponseMeta } from './responseMeta.js';

/** Native tRPC at `/trpc`: what the SDK and the web app speak. */
export async function nativeTrpc(
  app: FastifyInstance,
  opts: { router: AppRouter; deps: CoreDeps; metas: Map<string, OperationMeta> },
) {
  const options: FastifyTRPCPluginOptions<AppRouter> = {
    prefix: '/trpc',
    trpcOptions: {
      router: opts.router,
      createContext: ({ req }): Context => ({
        deps: opts.deps,
        apiKey: apiKeyFromHeaders(req.headers),
        requestId: req.id,
      }),
      responseMeta: createResponseMeta(opts.metas, { successStatus: false }),
      onError: ({ error, req }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') req.log.error({ err: error.cause ?? error }, 'procedure failed');
      },
    },
  };
  await app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply, payload) => settleJsonResponse(reply, payload));
    await scope.register(fastifyTRPCPlugin, options);
  });
}

/**
 * tRPC answers with a Fetch `Response`, which Fastify streams: chunked encoding, a socket write
 * for the chunk and another for the terminator. A plain JSON answer is complete already, so it is
 * sent as one string with a Content-Length (one write). Streams (SSE subscriptions, chunked JSONL
 * batches) pass through untouched.
 */
async function settleJsonResponse(reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (!(payload instanceof Response)) return payload;
  const type = payload.headers.get('content-type') ?? '';
  if (!type.startsWith('application/json') || payload.headers.has('transfer-encoding')) return payload;
  reply.code(payload.status);
  for (const [name, value] of payload.headers) reply.header(name, value);
  return payload.text();
}
