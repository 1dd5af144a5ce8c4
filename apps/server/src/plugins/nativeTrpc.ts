import type { AppRouter } from '@parley/api/appRouter';
import { apiKeyFromHeaders, type Context } from '@parley/api/context';
import type { OperationMeta } from '@parley/contracts/operationMeta';
import type { CoreDeps } from '@parley/core/deps';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import type { FastifyInstance } from 'fastify';
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
  await app.register(fastifyTRPCPlugin, options);
}
