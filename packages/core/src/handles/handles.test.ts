import { describe, expect, it } from 'vitest';
import { AppError } from '../appError.js';
import { assertUserHandle, normalizeHandle, slugify } from './handles.js';

describe('handles', () => {
  it('normalizes @ and case', () => {
    expect(normalizeHandle('@Alice')).toBe('alice');
    expect(normalizeHandle('alice/My-Bot')).toBe('alice/my-bot');
  });
  it('rejects bad handles with invalid_handle', () => {
    for (const bad of ['ab', 'a b c', '-abc', 'x'.repeat(33), 'alice/', '/bot', 'a/b/c']) {
      expect(() => normalizeHandle(bad)).toThrowError(AppError);
    }
    expect(() => assertUserHandle('alice/bot')).toThrowError(/user handle/);
  });
  it('slugifies names', () => {
    expect(slugify('My Helper Bot!')).toBe('my-helper-bot');
    expect(slugify('Ünïcödé')).toBe('unicode');
    expect(slugify('!!!')).toBe('agent');
  });
});
