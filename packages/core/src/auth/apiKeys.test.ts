import { describe, expect, it } from 'vitest';
import { hashKey, issueKey, keyMatchesHash, parseKey } from './apiKeys.js';

describe('api keys', () => {
  it('issues vendor-shaped keys whose prefix parses back', () => {
    const user = issueKey('user');
    expect(user.key).toMatch(/^thnv_u_\d+_[A-Za-z0-9]{32}$/);
    expect(parseKey(user.key)).toEqual({ kind: 'user', prefix: user.prefix });
    const agent = issueKey('agent');
    expect(agent.key.startsWith('thnv_a_')).toBe(true);
    expect(parseKey(agent.key)?.kind).toBe('agent');
  });
  it('never stores the key itself', () => {
    const issued = issueKey('user');
    expect(issued.hash).toBe(hashKey(issued.key));
    expect(issued.hash).not.toContain(issued.key.slice(-24));
  });
  it('matches only the right key', () => {
    const issued = issueKey('agent');
    expect(keyMatchesHash(issued.key, issued.hash)).toBe(true);
    // Another last character: a fixed one would equal the key's own about once in 62 runs.
    const other = issued.key.endsWith('x') ? 'y' : 'x';
    expect(keyMatchesHash(`${issued.key.slice(0, -1)}${other}`, issued.hash)).toBe(false);
  });
  it('rejects garbage', () => {
    for (const bad of ['', 'thnv_x_1_abc', 'Bearer x', 'thnv_u_123_short']) expect(parseKey(bad)).toBeNull();
  });
});
