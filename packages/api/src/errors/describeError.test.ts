import { AppError } from '@parley/core/appError';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeError, jsonPointer } from './describeError.js';

describe('describeError', () => {
  it('maps AppError through the status table', () => {
    const d = describeError(new AppError('limit_reached', 'full', { resource: 'agents', limit: 1, current: 1 }));
    expect(d).toMatchObject({ code: 'limit_reached', status: 403, details: { limit: 1 } });
  });

  it('turns unknown keys at any depth into 400 unknown_property with pointers', () => {
    const schema = z.strictObject({ user: z.strictObject({ name: z.string() }) });
    const result = schema.safeParse({ user: { name: 'a', extra: 1 }, top: 2 });
    const d = describeError(new TRPCError({ code: 'BAD_REQUEST', cause: result.error }));
    expect(d.status).toBe(400);
    expect(d.code).toBe('unknown_property');
    expect(d.details?.unknown_properties).toEqual(expect.arrayContaining(['/user/extra', '/top']));
  });

  it('turns type errors into 422 keyed by pointer', () => {
    const result = z.strictObject({ a: z.object({ b: z.number() }) }).safeParse({ a: { b: 'x' } });
    const d = describeError(new TRPCError({ code: 'BAD_REQUEST', cause: result.error }));
    expect(d).toMatchObject({ code: 'validation_error', status: 422 });
    expect(Object.keys(d.details ?? {})).toEqual(['/a/b']);
  });

  it('masks unexpected errors', () => {
    const d = describeError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new Error('SELECT secret') }));
    expect(d).toEqual({ code: 'internal_error', status: 500, message: 'Internal server error' });
    expect(describeError(new Error('boom')).message).not.toContain('boom');
  });

  it('answers a lost or unreachable database with 503 service_unavailable, without its text', () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    for (const cause of [terminated, new Error('Connection terminated unexpectedly')]) {
      const d = describeError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause }));
      expect(d).toMatchObject({ code: 'service_unavailable', status: 503 });
      expect(d.message).not.toContain('administrator');
    }
  });

  it('escapes pointers', () => {
    expect(jsonPointer(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
  });
});

describe('describeError on output validation', () => {
  it('is a 500, not a 422', () => {
    const result = z.object({ a: z.string() }).safeParse({ a: 1 });
    const d = describeError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: result.error }));
    expect(d.status).toBe(500);
  });
});
