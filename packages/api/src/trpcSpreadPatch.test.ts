import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initTRPC } from '@trpc/server';
import { describe, expect, it } from 'vitest';

/**
 * `patches/@trpc__server@11.22.1.patch` replaces the object-spread helper tRPC's build ships
 * (one `defineProperty` per key, on every middleware level of every call) with one that gives the
 * same objects faster. These tests hold it to "the same objects".
 */
describe('the patched object-spread helper of @trpc/server', () => {
  it('is applied to both builds (ESM and CommonJS)', () => {
    const dist = dirname(fileURLToPath(import.meta.resolve('@trpc/server')));
    const chunks = readdirSync(dist).filter((f) => /^getErrorShape-.*\.(mjs|cjs)$/.test(f));
    expect(chunks).toHaveLength(2);
    for (const chunk of chunks) expect(readFileSync(join(dist, chunk), 'utf8')).toContain("Parley's patch");
  });

  const t = initTRPC.context<{ base: string }>().create();

  it('passes context through middlewares, each adding to it, later values winning', async () => {
    const procedure = t.procedure
      .use(({ next }) => next({ ctx: { a: 1, shared: 'first' } }))
      .use(({ next }) => next({ ctx: { b: 2, shared: 'second' } }))
      .query(({ ctx }) => ctx);
    const caller = t.createCallerFactory(t.router({ procedure }))({ base: 'x' });
    const ctx = await caller.procedure();
    expect(ctx).toEqual({ base: 'x', a: 1, b: 2, shared: 'second' });
    expect(Object.getPrototypeOf(ctx)).toBe(Object.prototype);
  });

  it('merges chained inputs, keeps symbols, and an own __proto__ key never sets a prototype', async () => {
    const tag = Symbol('tag');
    const procedure = t.procedure
      .input((raw) => raw as Record<string | symbol, unknown>)
      .input(() => JSON.parse('{"__proto__": {"polluted": true}, "second": 2}') as Record<string, unknown>)
      .query(({ input }) => input);
    const caller = t.createCallerFactory(t.router({ procedure }))({ base: 'x' });
    const input = await caller.procedure({ first: 1, [tag]: 'kept' });
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    expect((input as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.hasOwn(input, '__proto__')).toBe(true);
    expect(input.first).toBe(1);
    expect(input.second).toBe(2);
    expect(input[tag]).toBe('kept');
  });
});
