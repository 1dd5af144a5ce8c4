import { describe, expect, it } from 'vitest';
import { toMentions } from './mentions.js';
import { parseRetryAfter } from './retryAfter.js';

describe('toMentions', () => {
  it('reads UUIDs as ids and anything else as handles, with or without @', () => {
    expect(
      toMentions(['8f7c2a31-5d0e-4b6a-9c1f-0a2b3c4d5e6f', '@ada', 'ada/helper', { handle: 'bob', kind: 'reference' }]),
    ).toEqual([
      { id: '8f7c2a31-5d0e-4b6a-9c1f-0a2b3c4d5e6f' },
      { handle: 'ada' },
      { handle: 'ada/helper' },
      { handle: 'bob', kind: 'reference' },
    ]);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
