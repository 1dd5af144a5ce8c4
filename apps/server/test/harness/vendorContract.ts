import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';

type Json = Record<string, unknown>;

const ROOT_ID = 'https://parley.invalid/vendor-oas';
const document = JSON.parse(
  readFileSync(new URL('../vendor/band-request-api-openapi.json', import.meta.url), 'utf8'),
) as Json & { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, unknown> } };

/** JSON Pointer reads `/` in a component name as nesting: rename `Agent API/X` to `Agent API~X`-free names. */
const safeName = (name: string) => name.replace(/[/ ]/g, '_');

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
        out[k] = `${ROOT_ID}#/components/schemas/${safeName(v.slice('#/components/schemas/'.length))}`;
      } else out[k] = rewriteRefs(v);
    }
    return out;
  }
  return value;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
ajv.addSchema({
  $id: ROOT_ID,
  components: {
    schemas: Object.fromEntries(
      Object.entries(document.components.schemas).map(([name, schema]) => [safeName(name), rewriteRefs(schema)]),
    ),
  },
});

const operations = new Map<string, Record<string, Json>>();
for (const methods of Object.values(document.paths)) {
  for (const op of Object.values(methods)) {
    if (typeof op.operationId === 'string') operations.set(op.operationId, op.responses as Record<string, Json>);
  }
}

const cache = new Map<string, ValidateFunction>();

function validatorFor(operationId: string, status: number): ValidateFunction {
  const key = `${operationId} ${status}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const responses = operations.get(operationId);
  if (!responses) throw new Error(`The vendor document has no operation ${operationId}`);
  const response = responses[String(status)] as { content?: Record<string, { schema?: unknown }> } | undefined;
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`The vendor document has no JSON body for ${operationId} ${status}`);
  const validate = ajv.compile(rewriteRefs(schema) as Json);
  cache.set(key, validate);
  return validate;
}

/**
 * Fails the test unless `body` is valid against the vendor's response schema of `operationId`
 * at `status`. Every REST response a test reads should go through this.
 */
export function expectVendorShape(operationId: string, response: { status: number; body: unknown }): void {
  const validate = validatorFor(operationId, response.status);
  const ok = validate(response.body);
  expect(
    ok,
    `${operationId} ${response.status} breaks the vendor schema: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(response.body)}`,
  ).toBe(true);
}

/** The vendor's statuses for an operation (to check ours are among them). */
export function vendorStatuses(operationId: string): number[] {
  return Object.keys(operations.get(operationId) ?? {}).map(Number);
}

/** Fails the test unless `body` is the vendor's `Error` envelope (for statuses an operation does not list). */
export function expectVendorError(response: { status: number; body: unknown }): void {
  const validate = ajv.getSchema(`${ROOT_ID}#/components/schemas/Error`);
  if (!validate) throw new Error('the vendor document has no Error schema');
  expect(validate(response.body), `not the vendor Error shape: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

/**
 * Fails the test unless `value` is valid against one of the vendor's component schemas (for a
 * Parley operation the vendor has no schema for, whose objects are the vendor's, e.g. `MyAgent`).
 */
export function expectVendorComponent(component: string, value: unknown): void {
  const validate = ajv.getSchema(`${ROOT_ID}#/components/schemas/${safeName(component)}`);
  if (!validate) throw new Error(`the vendor document has no ${component} schema`);
  expect(validate(value), `not the vendor ${component} shape: ${ajv.errorsText(validate.errors)}`).toBe(true);
}
