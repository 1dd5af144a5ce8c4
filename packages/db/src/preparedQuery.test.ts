import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type KyselyPlugin, sql, WithSchemaPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateToLatest } from './migrate.js';
import { type DatabaseHandle, dropSchema, openDatabase } from './openDatabase.js';
import { preparedQuery, serverSideName } from './preparedQuery.js';

/** A migrated database of this file's own: a fresh schema of DATABASE_URL, else an in-memory PGlite. */
async function openTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const handle = await openDatabase({ kind: 'postgres', url, schema, poolSize: 4 });
    await migrateToLatest(handle.db, schema);
    return handle;
  }
  // The migrated template of test/globalSetup.ts (its type is declared for the apps' tests only).
  const template = (inject as (key: string) => string | undefined)('pgliteTemplate');
  const handle = await openDatabase({
    kind: 'pglite',
    ...(template ? { loadDataDir: new Blob([readFileSync(template)]) } : {}),
  });
  await migrateToLatest(handle.db);
  return handle;
}

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  if (!handle) return;
  await dropSchema(handle);
  await handle.close();
});

const slug = () => `org-${randomBytes(5).toString('hex')}`;

const insertOrg = preparedQuery<{ slug: string; name: string }>()((p, db) =>
  db
    .insertInto('organizations')
    .values({ slug: p('slug'), name: p('name') })
    .returning(['id', 'slug', 'name']),
);

/** `name` is a constant written in the builder; `limit_messages` too. */
const insertNamedOrg = preparedQuery<{ slug: string }>()((p, db) =>
  db
    .insertInto('organizations')
    .values({ slug: p('slug'), name: 'Constant Name', limit_messages: 7 })
    .returning(['slug', 'name', 'limit_messages']),
);

/** The same parameter twice, and named in a different order from the SQL's. */
const orgBySlugOrName = preparedQuery<{ name: string; slug: string }>()((p, db) =>
  db
    .selectFrom('organizations')
    .select(['slug', 'name'])
    .where((eb) => eb.or([eb('slug', '=', p('slug')), eb('name', '=', p('name'))]))
    .where('slug', '=', p('slug')),
);

/** Prepared on the server (named) on Postgres. */
const orgNameBySlug = preparedQuery<{ slug: string }>()(
  (p, db) => db.selectFrom('organizations').select(['name']).where('slug', '=', p('slug')),
  { serverSide: true },
);

describe('preparedQuery', () => {
  it('prepares a serverSide statement once per Postgres connection, and runs it with new values', async () => {
    const name = serverSideName(orgNameBySlug.sql);
    expect(name).toMatch(/^parley_\d+$/);
    expect(serverSideName(insertOrg.sql)).toBeUndefined();
    const a = slug();
    const b = slug();
    await insertOrg(handle.db, { name: 'First', slug: a });
    await insertOrg(handle.db, { name: 'Second', slug: b });
    // One connection for all of it: a transaction.
    await handle.db.transaction().execute(async (trx) => {
      expect((await orgNameBySlug(trx, { slug: a })).rows).toEqual([{ name: 'First' }]);
      expect((await orgNameBySlug(trx, { slug: b })).rows).toEqual([{ name: 'Second' }]);
      const prepared = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_prepared_statements
        WHERE name = ${name ?? ''} AND statement = ${orgNameBySlug.sql}`.execute(trx);
      // PGlite runs statements its own way: nothing named there.
      expect(prepared.rows[0]?.n).toBe(handle.kind === 'postgres' ? 1 : 0);
    });
  });

  it('binds each value by its name, wherever and however often it appears', async () => {
    const s = slug();
    const inserted = (await insertOrg(handle.db, { name: 'Acme', slug: s })).rows[0];
    expect(inserted).toMatchObject({ slug: s, name: 'Acme' });
    expect(typeof inserted?.id).toBe('string');
    const found = await orgBySlugOrName(handle.db, { slug: s, name: 'nobody' });
    expect(found.rows).toEqual([{ slug: s, name: 'Acme' }]);
    expect(orgBySlugOrName.sql).toContain('$3');
  });

  it('keeps the constants the builder made parameters', async () => {
    const s = slug();
    expect(insertNamedOrg.sql).toMatch(/values \(\$1, \$2, \$3\)/);
    const row = (await insertNamedOrg(handle.db, { slug: s })).rows[0];
    expect(row).toEqual({ slug: s, name: 'Constant Name', limit_messages: 7 });
  });

  it('runs again and again with new values', async () => {
    const slugs = [slug(), slug(), slug()];
    for (const [n, s] of slugs.entries()) await insertOrg(handle.db, { slug: s, name: `Org ${n}` });
    for (const [n, s] of slugs.entries()) {
      const found = await orgBySlugOrName(handle.db, { slug: s, name: '-' });
      expect(found.rows).toEqual([{ slug: s, name: `Org ${n}` }]);
    }
  });

  it('compiles to the SQL the builder compiles with values', () => {
    const builder = handle.db
      .selectFrom('organizations')
      .select(['slug', 'name'])
      .where((eb) => eb.or([eb('slug', '=', 'a'), eb('name', '=', 'b')]))
      .where('slug', '=', 'a');
    expect(orgBySlugOrName.sql).toBe(builder.compile().sql);
    const insert = handle.db
      .insertInto('organizations')
      .values({ slug: 'x', name: 'Constant Name', limit_messages: 7 })
      .returning(['slug', 'name', 'limit_messages']);
    expect(insertNamedOrg.sql).toBe(insert.compile().sql);
  });

  it('compiles a sql template once, an array being one parameter', async () => {
    const s = [slug(), slug()];
    for (const x of s) await insertOrg(handle.db, { slug: x, name: 'Array' });
    const bySlugs = preparedQuery<{ slugs: string[] }>()(
      (p) =>
        sql<{ slug: string }>`SELECT slug FROM organizations WHERE slug = ANY(${p('slugs')}::text[]) ORDER BY slug`,
    );
    expect(bySlugs.sql).toBe('SELECT slug FROM organizations WHERE slug = ANY($1::text[]) ORDER BY slug');
    expect((await bySlugs(handle.db, { slugs: s })).rows).toEqual(s.sort().map((x) => ({ slug: x })));
    expect((await bySlugs(handle.db, { slugs: [] })).rows).toEqual([]);
  });

  it('runs inside a transaction, and rolls back with it', async () => {
    const s = slug();
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await insertOrg(trx, { slug: s, name: 'Doomed' });
        const inside = await orgBySlugOrName(trx, { slug: s, name: '-' });
        expect(inside.rows).toEqual([{ slug: s, name: 'Doomed' }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await orgBySlugOrName(handle.db, { slug: s, name: '-' })).rows).toEqual([]);
  });

  it('rejects a missing value rather than sending it as NULL', async () => {
    // @ts-expect-error: `name` is required
    await expect(insertOrg(handle.db, { slug: slug() })).rejects.toThrow("no value for parameter 'name'");
    // Never called: only the type check matters.
    // @ts-expect-error: `slug` is a string
    const mistyped = () => insertOrg(handle.db, { slug: 1, name: 'x' });
    expect(mistyped).toBeTypeOf('function');
  });

  it('checks the names and the types of the markers in the builder', () => {
    preparedQuery<{ slug: string }>()((p, db) =>
      // @ts-expect-error: no value is named `nope`
      db.selectFrom('organizations').select('id').where('slug', '=', p('nope')),
    );
    preparedQuery<{ n: number }>()((p, db) =>
      // @ts-expect-error: `slug` is a string column
      db.selectFrom('organizations').select('id').where('slug', '=', p('n')),
    );
  });

  it('types the rows as the builder does', async () => {
    const row = (await insertNamedOrg(handle.db, { slug: slug() })).rows[0];
    if (!row) throw new Error('no row');
    const name: string = row.name;
    const limit: number | null = row.limit_messages;
    // @ts-expect-error: not selected
    expect(row.id).toBeUndefined();
    expect([name, limit]).toEqual(['Constant Name', 7]);
  });

  it('goes through the plugins of the handle, as a builder statement does', async () => {
    const seen: { query: number; result: number; ids: Set<unknown> } = { query: 0, result: 0, ids: new Set() };
    const counting: KyselyPlugin = {
      transformQuery: ({ node, queryId }) => {
        seen.query += 1;
        seen.ids.add(queryId);
        return node;
      },
      transformResult: async ({ result, queryId }) => {
        seen.result += 1;
        expect(seen.ids.has(queryId)).toBe(true);
        return result;
      },
    };
    const s = slug();
    const counted = handle.db.withPlugin(counting);
    await insertOrg(counted, { slug: s, name: 'Plugged' });
    await counted.transaction().execute((trx) => orgBySlugOrName(trx, { slug: s, name: '-' }));
    expect(seen).toMatchObject({ query: 2, result: 2 });
    // A plugin that rewrites the statement gets it compiled again, the values still bound.
    const qualified = handle.db.withPlugin(new WithSchemaPlugin(handle.schema));
    const found = await orgBySlugOrName(qualified, { slug: s, name: '-' });
    expect(found.rows).toEqual([{ slug: s, name: 'Plugged' }]);
  });
});
