import { describe, expect, it } from 'vitest';
import { CredentialWatch } from './credentialWatch.js';

describe('CredentialWatch', () => {
  it('calls the watchers of the principals a notice names, until they unwatch', () => {
    const watch = new CredentialWatch(1000);
    const calls: string[] = [];
    const stopA = watch.watch('a', () => calls.push('a1'));
    watch.watch('a', () => calls.push('a2'));
    watch.watch('b', () => calls.push('b'));
    watch.onNotice(JSON.stringify(['a']));
    expect(calls).toEqual(['a1', 'a2']);
    stopA();
    watch.onNotice(JSON.stringify(['a', 'b', 'c']));
    expect(calls).toEqual(['a1', 'a2', 'a2', 'b']);
    watch.recheckAll();
    expect(calls).toEqual(['a1', 'a2', 'a2', 'b', 'a2', 'b']);
  });

  it('ignores notices it cannot read', () => {
    const watch = new CredentialWatch();
    let called = 0;
    watch.watch('a', () => called++);
    for (const payload of ['', 'not json', '{"a":1}', '[1,null]']) watch.onNotice(payload);
    expect(called).toBe(0);
    expect(watch.recheckMs).toBe(60_000);
  });
});
