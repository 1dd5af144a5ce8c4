import { describe, expect, it } from 'vitest';
import { AppError } from '../appError.js';
import { statusAfter } from './memoryLifecycle.js';

describe('statusAfter', () => {
  const table = [
    ['active', 'supersede', 'superseded'],
    ['archived', 'supersede', 'superseded'],
    ['superseded', 'supersede', 'superseded'],
    ['active', 'archive', 'archived'],
    ['archived', 'archive', 'archived'],
    ['superseded', 'archive', 422],
    ['archived', 'restore', 'active'],
    ['active', 'restore', 422],
    ['superseded', 'restore', 422],
  ] as const;

  it.each(table)('%s + %s → %s', (current, action, expected) => {
    if (expected === 422) {
      expect(() => statusAfter(current, action)).toThrowError(AppError);
      try {
        statusAfter(current, action);
      } catch (error) {
        expect((error as AppError).status).toBe(422);
        expect(Object.keys((error as AppError).details ?? {})).toEqual(['/id']);
      }
    } else {
      expect(statusAfter(current, action)).toBe(expected);
    }
  });
});
