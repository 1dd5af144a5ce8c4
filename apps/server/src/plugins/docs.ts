import apiReference from '@scalar/fastify-api-reference';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIObject } from 'trpc-to-openapi';

/**
 * The OpenAPI document at `/api/v1/openapi.json` and the Parley API reference at `/docs`, drawn by
 * Scalar in the browser. Everything it needs comes from this server (its script at
 * `/docs/js/scalar.js`, the document from the route above): no fonts from Scalar's servers, no
 * telemetry, no AI assistant or links into Scalar's hosted services, so it works on a machine without internet.
 */
export async function registerDocs(app: FastifyInstance, document: OpenAPIObject) {
  app.get('/api/v1/openapi.json', { config: { rateLimit: false } }, async () => document);
  await app.register(apiReference, {
    routePrefix: '/docs',
    configuration: {
      pageTitle: 'Parley API reference',
      url: '/api/v1/openapi.json',
      withDefaultFonts: false,
      telemetry: false,
      hideClientButton: true,
      showDeveloperTools: 'never',
      mcp: { disabled: true },
      // Scalar's "Ask AI" talks to Scalar's servers.
      agent: { disabled: true },
      // No icon rather than someone else's.
      favicon: 'data:,',
    },
  });
}
