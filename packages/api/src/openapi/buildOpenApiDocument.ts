import { ErrorBody } from '@parley/contracts/errorBody';
import { type ErrorCode, errorCodes } from '@parley/contracts/errorCodes';
import type { OperationMeta } from '@parley/contracts/operationMeta';
import type { AnyTRPCRouter } from '@trpc/server';
import { generateOpenApiDocument, type OpenAPIObject, type OpenApiRouter } from 'trpc-to-openapi';
import { operationMetas } from './operationMetas.js';
import { tagDescriptions } from './tagDescriptions.js';

/** Codes every operation can answer with, whatever it does. */
const SHARED_ERRORS: ErrorCode[] = [
  'bad_request',
  'unknown_property',
  'validation_error',
  'rate_limited',
  'internal_error',
];
const AUTH_ERRORS: ErrorCode[] = ['unauthorized', 'forbidden'];

type Responses = Record<string, { description: string; content?: unknown }>;

/** Every POST takes an `Idempotency-Key` (a Parley extension, docs/idempotency-keys.md). */
const IDEMPOTENCY_ERRORS: ErrorCode[] = ['idempotency_key_in_use', 'idempotency_key_reused'];
const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Parley extension: a key of your choosing (1–255 visible ASCII characters). A repeat of the same ' +
    'request with the same key within 24 h replays the stored response and runs nothing; the same key ' +
    'with another request is 422 `idempotency_key_reused`, while the first still runs 409 ' +
    '`idempotency_key_in_use`. Scoped per API key.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
} as const;

function errorResponses(meta: OperationMeta): Responses {
  const codes = new Set<ErrorCode>([
    ...(meta.caller === 'public' ? [] : AUTH_ERRORS),
    ...SHARED_ERRORS,
    ...(meta.errors ?? []),
    ...(meta.openapi?.method === 'POST' && meta.caller !== 'public' ? IDEMPOTENCY_ERRORS : []),
  ]);
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = errorCodes[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Responses = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: list.map((c) => `\`${c}\`: ${errorCodes[c].message}`).join('; '),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return responses;
}

/**
 * Our OpenAPI 3.1 document. trpc-to-openapi generates paths and schemas from the routers; this
 * then makes it tell the truth about what the server does: the success status of each operation
 * (201, 204), every error status it can return with our error body, and both ways to send a key.
 */
export function buildOpenApiDocument(router: AnyTRPCRouter, options: { version: string; baseUrl: string }) {
  const doc: OpenAPIObject = generateOpenApiDocument(router as OpenApiRouter, {
    title: 'Parley API',
    description:
      'REST API of Parley, wire-compatible with the Thenvoi (Band) platform. Human API under `/me`, ' +
      'Agent API under `/agent`. Every error has the body `{"error": {code, message, details?, request_id}}`.',
    version: options.version,
    baseUrl: options.baseUrl,
    securitySchemes: {
      ApiKeyAuth: {
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
        description: 'A user (`thnv_u_…`) or agent (`thnv_a_…`) key',
      },
      bearerAuth: { type: 'http', scheme: 'bearer', description: 'The same API key as a bearer token' },
    },
    defs: { Error: ErrorBody },
  });

  for (const meta of operationMetas(router).values()) {
    const { method, path } = meta.openapi ?? {};
    if (!method || !path) continue;
    const operation = doc.paths?.[path]?.[method.toLowerCase() as 'get'];
    if (!operation) continue;
    const generated = (operation.responses ?? {}) as Responses;
    const success = generated['200'];
    const status = meta.successStatus ?? 200;
    const responses: Responses = {};
    if (success) {
      responses[String(status)] =
        status === 204 ? { description: 'No content' } : { ...success, description: success.description || 'Success' };
      // A 204 operation whose output may also be a body (`…/messages/next`) answers 200 with it.
      const schema = (success.content as { 'application/json'?: { schema?: { type?: unknown } } } | undefined)?.[
        'application/json'
      ]?.schema;
      if (status === 204 && schema && schema.type !== 'null') responses['200'] = { ...success, description: 'Success' };
    }
    operation.responses = { ...responses, ...errorResponses(meta) };
    if (method === 'POST' && meta.caller !== 'public') {
      operation.parameters = [...(operation.parameters ?? []), IDEMPOTENCY_HEADER];
    }
  }

  doc.info = {
    ...doc.info,
    license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    // A self-hosted server: whoever runs it answers for it (there is no central vendor to write to).
    contact: { name: 'The operator of this Parley server' },
  };
  const used = new Set(
    Object.values(doc.paths ?? {}).flatMap((item) =>
      Object.values(item ?? {}).flatMap((op) => ((op as { tags?: string[] }).tags ?? []) as string[]),
    ),
  );
  doc.tags = [
    ...Object.entries(tagDescriptions)
      .filter(([name]) => used.has(name))
      .map(([name, description]) => ({ name, description })),
    ...[...used].filter((name) => !(name in tagDescriptions)).map((name) => ({ name })),
  ];
  dropUnusedSchemas(doc);
  return doc;
}

/**
 * Removes schemas nothing refers to: trpc-to-openapi adds `error.BAD_REQUEST` and its kin, whose
 * `{message, code, issues}` body is not the one this server answers with (our responses above all
 * point at `Error`), and a schema of an operation left out would linger too.
 */
function dropUnusedSchemas(doc: OpenAPIObject) {
  const schemas = doc.components?.schemas;
  if (!schemas) return;
  const reached = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        const name = decodeURIComponent(value.slice('#/components/schemas/'.length));
        if (!reached.has(name)) {
          reached.add(name);
          visit(schemas[name]);
        }
      } else visit(value);
    }
  };
  visit(doc.paths);
  for (const name of Object.keys(schemas)) if (!reached.has(name)) delete schemas[name];
}
