import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { ParleyError } from './parleyError.js';

describe('ParleyError.from', () => {
  it('reads the server’s error shape, status and Retry-After', () => {
    const response = new Response('{}', { status: 429, headers: { 'retry-after': '7', 'x-request-id': 'req_h' } });
    const shape = {
      message: 'Too many requests',
      code: -32029,
      data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429 },
      error: { code: 'rate_limited', message: 'Too many requests', request_id: 'req_1', details: { limit: 3 } },
    };
    const error = ParleyError.from(TRPCClientError.from({ error: shape }, { meta: { response } }));
    expect(error).toBeInstanceOf(ParleyError);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect(error).toMatchObject({
      name: 'ParleyError',
      status: 429,
      code: 'rate_limited',
      message: 'Too many requests',
      details: { limit: 3 },
      requestId: 'req_1',
      retryAfterMs: 7_000,
    });
    expect(error.shape?.error.code).toBe('rate_limited');
    expect(ParleyError.from(error)).toBe(error);
  });

  it('names failures without an answer', () => {
    const network = ParleyError.from(TRPCClientError.from(new TypeError('fetch failed')));
    expect(network).toMatchObject({ status: 0, code: 'network_error', message: 'fetch failed' });
    const abort = ParleyError.from(TRPCClientError.from(new DOMException('aborted', 'AbortError')));
    expect(abort).toMatchObject({ status: 0, code: 'aborted' });
    const page = ParleyError.from(TRPCClientError.from(new SyntaxError('Unexpected token <')));
    expect(page.code).toBe('bad_response');
    expect(ParleyError.from(new Error('boom'))).toMatchObject({ status: 0, code: 'client_error', message: 'boom' });
  });

  it('maps an event stream refused with an HTTP status (eventsource reports it as `code`)', () => {
    const refused = Object.assign(new Event('error'), { code: 401, message: 'Non-200 status code (401)' });
    expect(ParleyError.from(TRPCClientError.from(refused))).toMatchObject({ status: 401, code: 'unauthorized' });
  });
});
