import { describe, expect, it } from 'vitest';
import { isConnectionFailure } from './connectionFailure.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isConnectionFailure', () => {
  it('knows the SQLSTATEs of a lost or unavailable server', () => {
    for (const code of ['57P01', '57P02', '57P03', '08006', '08001', '08P01', '53300', '57014', '25P03']) {
      expect(isConnectionFailure(withCode(code)), code).toBe(true);
    }
  });
  it('knows socket errors and pg’s own messages', () => {
    expect(isConnectionFailure(withCode('ECONNREFUSED'))).toBe(true);
    expect(isConnectionFailure(withCode('ECONNRESET'))).toBe(true);
    expect(isConnectionFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionFailure(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isConnectionFailure(new Error('Query read timeout'))).toBe(true);
    expect(isConnectionFailure(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
  });
  it('looks into causes and aggregate errors', () => {
    expect(isConnectionFailure(new Error('migration failed', { cause: withCode('ECONNREFUSED') }))).toBe(true);
    expect(isConnectionFailure(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]))).toBe(true);
  });
  it('leaves statement errors alone', () => {
    for (const code of ['23505', '23503', '42P01', '22P02', '40001', '40P01']) {
      expect(isConnectionFailure(withCode(code)), code).toBe(false);
    }
    expect(isConnectionFailure(new Error('boom'))).toBe(false);
    expect(isConnectionFailure(undefined)).toBe(false);
    expect(isConnectionFailure('Connection terminated')).toBe(false);
  });
});
