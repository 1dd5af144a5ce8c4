import type { Context } from '@parley/api/context';
import { apiKeyFromHeaders } from '@parley/api/context';
import type { RestRouter } from '@parley/api/restRouter';
import type { OperationMeta } from '@parley/contracts/operationMeta';
import type { CoreDeps } from '@parley/core/deps';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fastifyTRPCOpenApiPlugin } from 'trpc-to-openapi';
import { requestDeps } from './idempotency.js';
import { registerJsonBody } from './jsonBody.js';
import { createResponseMeta, unwrapCause } from './responseMeta.js';
import { webRequestOf } from './webRequest.js';

/**
 * The REST surface at the vendor's paths, served from the same procedures as native tRPC through
 * trpc-to-openapi. Success bodies are the procedures' outputs as they are; error bodies are
 * reshaped here into `{error: {...}}`, the one envelope clients know.
 */
export async function restApi(
  scope: FastifyInstance,
  opts: { router: RestRouter; deps: CoreDeps; metas: Map<string, OperationMeta> },
) {
  registerJsonBody(scope);

  scope.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode === 204) return null;
    if (reply.statusCode < 400 || typeof payload !== 'string') return payload;
    try {
      const body = JSON.parse(payload) as { error?: Record<string, unknown> };
      if (body.error && typeof body.error === 'object') {
        return JSON.stringify({ error: { ...body.error, request_id: request.id } });
      }
    } catch {
      // not JSON: leave it
    }
    return payload;
  });

  await scope.register(fastifyTRPCOpenApiPlugin<RestRouter>, {
    basePath: '/',
    router: opts.router,
    createContext: ({ req, res }: { req: FastifyRequest; res: FastifyReply }): Context => ({
      deps: requestDeps(req, opts.deps),
      apiKey: apiKeyFromHeaders(req.headers),
      requestId: req.id,
      web: webRequestOf(req, res),
    }),
    responseMeta: createResponseMeta(opts.metas, { successStatus: true }),
    onError: ({ error, req }: { error: { code: string; cause?: unknown }; req: FastifyRequest }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') req.log.error({ err: error.cause ?? error }, 'procedure failed');
      else if (error.code === 'SERVICE_UNAVAILABLE') req.log.warn({ err: unwrapCause(error) }, 'service unavailable');
    },
  } as never);
}
