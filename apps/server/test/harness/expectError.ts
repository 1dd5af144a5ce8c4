import { expect } from 'vitest';
import type { HttpResponse } from './http.js';

interface ErrorEnvelope {
  error: { code: string; message: string; details?: Record<string, unknown>; request_id: string };
}

/**
 * Checks a REST error: the status, our code, and the envelope every error must have (a message
 * and a `request_id` equal to the `X-Request-ID` header).
 */
export function expectRestError(response: HttpResponse, status: number, code: string) {
  expect(response.status, response.text).toBe(status);
  const body = response.body as ErrorEnvelope;
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.request_id).toBeTruthy();
  expect(response.headers.get('x-request-id')).toBe(body.error.request_id);
  return body.error;
}
