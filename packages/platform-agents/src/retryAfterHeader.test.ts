import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './retryAfterHeader.js';

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(' 0.5 ')).toBe(500);
    const now = Date.parse('2026-11-30T20:00:00Z');
    expect(retryAfterMs('Mon, 30 Nov 2026 20:00:03 GMT', now)).toBe(3000);
    expect(retryAfterMs('Mon, 30 Nov 2026 19:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
