import { expect } from 'vitest';
import { expectRestError } from './expectError.js';
import type { HttpResponse } from './http.js';
import { expectVendorShape, vendorStatuses } from './vendorContract.js';

/**
 * A REST error of a contacts operation: our status and code, and the vendor's error schema for
 * that status when the vendor documents it (some of ours, like 422 on a bad path UUID, it does not).
 */
export function expectContactError(operationId: string, response: HttpResponse, status: number, code: string) {
  const error = expectRestError(response, status, code);
  if (vendorStatuses(operationId).includes(status)) expectVendorShape(operationId, response);
  return error;
}

/** A success of a contacts operation, validated against the vendor schema; returns `data`. */
export function expectContactOk<T = unknown>(operationId: string, response: HttpResponse, status = 200): T {
  expect(response.status, response.text).toBe(status);
  expectVendorShape(operationId, response);
  return (response.body as { data: T }).data;
}
