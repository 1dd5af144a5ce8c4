import { describe, expect, it } from 'vitest';
import { decodeEffect, encodeEffect } from './effectJson.js';

describe('effect results as JSON', () => {
  it('round-trips rows, nested values, dates and undefined', () => {
    const row = { id: 'a', seq: 3, at: new Date('2026-12-01T00:00:00.123Z'), tags: ['x'], meta: { n: null } };
    expect(decodeEffect(encodeEffect(row))).toEqual(row);
    expect(decodeEffect(encodeEffect(undefined))).toBeUndefined();
    expect(decodeEffect(encodeEffect([1, 'two']))).toEqual([1, 'two']);
    expect(decodeEffect<Date>(encodeEffect(new Date(0)))).toEqual(new Date(0));
  });
});
