import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIObject } from 'trpc-to-openapi';

/** The OpenAPI document at `/api/v1/openapi.json` and an API reference page at `/docs`. */
export async function registerDocs(app: FastifyInstance, document: OpenAPIObject) {
  app.get('/api/v1/openapi.json', { config: { rateLimit: false } }, async () => document);
  await app.register(swagger, { mode: 'static', specification: { document: document as never } });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
}
