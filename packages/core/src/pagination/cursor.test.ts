import { describe, expect, it } from 'vitest';
import { AppError } from '../appError.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { resolvePageRequest } from './pageRequest.js';

const id = '6f1c2b0a-8d7e-4a5b-9c3d-2e1f0a9b8c7d';

describe('cursors', () => {
  it('round-trips a position', () => {
    const c = encodeCursor({ sort: 'name', order: 'asc', value: 'bob', id });
    expect(decodeCursor(c, { sort: 'name', order: 'asc' })).toEqual({ value: 'bob', id });
  });
  it('refuses forged ids and timestamps', () => {
    const dashes = encodeCursor({ sort: 'name', order: 'asc', value: 'bob', id: '-'.repeat(36) });
    expect(() => decodeCursor(dashes, { sort: 'name', order: 'asc' })).toThrowError(/Invalid cursor/);
    const badTime = encodeCursor({ sort: 'inserted_at', order: 'desc', value: 'yesterday', id });
    expect(() => decodeCursor(badTime, { sort: 'inserted_at', order: 'desc', valueKind: 'timestamp' })).toThrowError(
      /Invalid cursor/,
    );
  });

  it('refuses a cursor of another sort and garbage', () => {
    const c = encodeCursor({ sort: 'name', order: 'asc', value: 'bob', id });
    expect(() => decodeCursor(c, { sort: 'name', order: 'desc' })).toThrowError(AppError);
    expect(() => decodeCursor('!!!', { sort: 'name', order: 'asc' })).toThrowError(/Invalid cursor/);
  });
});

describe('resolvePageRequest', () => {
  it('defaults to offset page 1', () => {
    expect(resolvePageRequest(undefined)).toEqual({ style: 'offset', page: 1, limit: 20, offset: 0 });
  });
  it('picks cursor style from limit or cursor', () => {
    expect(resolvePageRequest({ limit: 5 })).toEqual({ style: 'cursor', limit: 5, cursor: undefined });
  });
  it('refuses a mix with 422', () => {
    try {
      resolvePageRequest({ page: 1, cursor: 'x' });
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).status).toBe(422);
    }
  });
});
