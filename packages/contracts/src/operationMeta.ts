import type { OpenApiMeta } from 'trpc-to-openapi';
import type { ErrorCode } from './errorCodes.js';

/** Who may call an operation: a user key, an agent key, or anyone. */
export type Caller = 'user' | 'agent' | 'public';

/**
 * What the contract says about one operation beyond its schemas: its REST route, the success
 * status, and the error codes it can answer with besides the ones every operation shares
 * (unauthorized, forbidden for the wrong identity, bad_request, unknown_property,
 * validation_error, rate_limited, internal_error). The server turns this into response statuses
 * and into the error responses of the OpenAPI document.
 */
export type OperationMeta = OpenApiMeta<{
  caller: Caller;
  successStatus?: 200 | 201 | 204;
  errors?: ErrorCode[];
}>;

/** Defines an operation's meta; `operationId` is the vendor's, so generated clients keep their names. */
export function operation(meta: {
  caller: Caller;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: `/${string}`;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  successStatus?: 200 | 201 | 204;
  errors?: ErrorCode[];
  /** A public operation that still reads a key of either kind (documented as needing one). */
  keyed?: boolean;
}): OperationMeta {
  const { caller, successStatus, errors, keyed, ...openapi } = meta;
  return {
    caller,
    ...(successStatus ? { successStatus } : {}),
    ...(errors ? { errors } : {}),
    openapi: { ...openapi, protect: keyed ?? caller !== 'public' },
  };
}
