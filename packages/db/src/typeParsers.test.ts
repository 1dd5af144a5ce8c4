import { describe, expect, it } from 'vitest';
import { parseInt8, toIsoMicros } from './typeParsers.js';

describe('toIsoMicros', () => {
  it('pads fractions to microseconds and marks UTC', () => {
    expect(toIsoMicros('2025-11-17 11:20:10.2841+00')).toBe('2025-11-17T11:20:10.284100Z');
    expect(toIsoMicros('2025-11-17 11:20:10.284136+00')).toBe('2025-11-17T11:20:10.284136Z');
  });
  it('handles whole seconds and timestamps without offset', () => {
    expect(toIsoMicros('2025-11-17 11:20:10+00')).toBe('2025-11-17T11:20:10.000000Z');
    expect(toIsoMicros('2025-11-17 11:20:10')).toBe('2025-11-17T11:20:10.000000Z');
  });
});

describe('parseInt8', () => {
  it('returns a number', () => {
    expect(parseInt8('9007199254740991')).toBe(9007199254740991);
  });
});
