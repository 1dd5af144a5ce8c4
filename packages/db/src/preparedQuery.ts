import {
  type Compilable,
  type CompiledQuery,
  createQueryId,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type RawBuilder,
  type Simplify,
} from 'kysely';
import type { DB, Executor } from './database.js';

/**
 * Builds and compiles statements, never runs them (its driver answers nothing). Both our dialects
 * (`pg` and PGlite) compile with the Postgres compiler, so what it compiles runs on either.
 */
const compileOnlyDb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** SQL text → the name it is prepared under on each Postgres connection (`serverSide`). */
const statementNames = new Map<string, string>();

function nameStatement(sql: string): void {
  if (!statementNames.has(sql)) statementNames.set(sql, `parley_${statementNames.size + 1}`);
}

/**
 * The name of a statement compiled with `serverSide`: the Postgres pool sends it as a named
 * prepared statement (parsed and planned by the server once per connection, then only bound and
 * run). Undefined for every other statement.
 */
export function serverSideName(sql: string): string | undefined {
  return statementNames.get(sql);
}

/** Where a value goes: stands in for the value when the statement is built, bound per call. */
class Param {
  constructor(readonly name: string) {}
}

/** The marker factory handed to a statement's builder: `p('roomId')` is typed as `args.roomId`. */
export type ParamMarker<A> = <K extends keyof A & string>(name: K) => A[K];

/** A statement compiled once: runs on a database handle or a transaction with these values. */
export type PreparedQuery<A, R> = ((db: Executor, args: A) => Promise<QueryResult<R>>) & {
  /** The compiled SQL text. */
  readonly sql: string;
};

/** Kysely's builders compile on their own; a `sql` template needs an executor to compile with. */
type Buildable<R> = Compilable<R> | RawBuilder<R>;

/** One parameter position of the compiled statement that takes the value of `args[name]`. */
interface Slot {
  index: number;
  name: string;
}

function slotsOf(parameters: readonly unknown[]): Slot[] {
  const slots: Slot[] = [];
  parameters.forEach((value, index) => {
    if (value instanceof Param) slots.push({ index, name: value.name });
  });
  return slots;
}

function bind(parameters: readonly unknown[], slots: readonly Slot[], args: object): unknown[] {
  const bound = parameters.slice();
  for (const { index, name } of slots) {
    const value = (args as Record<string, unknown>)[name];
    // The builder leaves out an undefined value (a column left to its default, a skipped
    // condition); a compiled statement cannot, so it is a mistake here: use null for NULL.
    if (value === undefined) throw new Error(`preparedQuery: no value for parameter '${name}'`);
    bound[index] = value;
  }
  return bound;
}

/**
 * A statement built and compiled once, at module load, by Kysely's typed builder, then run with
 * new values on each call.
 *
 * Why: building a statement with Kysely and compiling it to SQL costs CPU on every call, more
 * than running the compiled result. Measured against a fake pool (no I/O): `listAllParticipants`
 * took ~28 µs per call, ~21 µs of it build + compile, where executing a precompiled
 * `CompiledQuery` takes ~7 µs; the statements of one send request spent ~200 µs so.
 *
 * How: name the values the statement takes, build it with `p(name)` wherever a value goes, and
 * call the result with a database handle or transaction and the values:
 *
 * ```ts
 * const keyByPrefix = preparedQuery<{ prefix: string }>()((p, db) =>
 *   db.selectFrom('api_keys').select(['id', 'secret_hash']).where('prefix', '=', p('prefix')),
 * );
 * const row = (await keyByPrefix(trx, { prefix })).rows[0];
 * ```
 *
 * `db` in the builder only builds (never run it). `p('x')` is typed as `args.x`, the row type is
 * the builder's, and a missing or mistyped value is a type error. Values written in the builder
 * stay constant parameters (`status: 'processing'`), and `sql` fragments are compiled in. The
 * builder may also return a `sql` template with markers in it (typed by its row parameter).
 *
 * Caveats, because the builder sees a marker where it used to see the value:
 * - Builder code that looks at a value runs once, at build time. `where(col, 'in', list)` spreads
 *   a list into one parameter per element: compare with `= any(…::uuid[])` (a `sql` fragment
 *   holding one array marker) instead. A branch on a value (`limit === null ? … : …`) needs one
 *   prepared statement per branch, chosen by the caller.
 * - `undefined`: the builder leaves such a column or value out, a prepared statement cannot; an
 *   undefined value throws when the statement runs. Pass `null` for SQL NULL.
 * - JSON columns: pass the JSON text (`JSON.stringify`) as the callers of the builder did; the
 *   driver turns a JS array into a Postgres array, not JSON.
 * - Plugins: a handle with plugins (`withPlugin`) still sees every statement in `transformQuery`
 *   and `transformResult`. A plugin that returns the node unchanged keeps the precompiled SQL;
 *   one that rewrites it gets it compiled again on each call (it sees markers, not values, in the
 *   node's value positions).
 * - Postgres only: the SQL is compiled by the Postgres compiler whatever the executor's dialect.
 *
 * Test a statement by comparing its `sql` with the builder version's `compile().sql`.
 *
 * `{ serverSide: true }` also prepares it on the server, per connection, on Postgres (PGlite
 * ignores it): for the hottest statements only, whose plan does not depend on the values (after
 * five runs the server may keep a generic plan, blind to the values).
 */
export function preparedQuery<A extends object>() {
  return <R>(
    build: (p: ParamMarker<A>, db: Kysely<DB>) => Buildable<R>,
    options: { serverSide?: boolean } = {},
  ): PreparedQuery<A, Simplify<R>> => {
    const built = build(((name: string) => new Param(name)) as ParamMarker<A>, compileOnlyDb);
    const compiled: CompiledQuery =
      'isRawBuilder' in built ? built.compile(compileOnlyDb) : (built as Compilable<R>).compile();
    const { sql, query } = compiled;
    if (options.serverSide) nameStatement(sql);
    const parameters = compiled.parameters;
    const slots = slotsOf(parameters);
    const run = (db: Executor, args: A): Promise<QueryResult<Simplify<R>>> => {
      try {
        const executor = db.getExecutor();
        if (executor.plugins.length > 0) {
          // As the builder would: plugins see the node, and a rewritten one is compiled again.
          const queryId = createQueryId();
          const node = executor.transformQuery(query, queryId);
          const again = node === query ? compiled : executor.compileQuery(node, queryId);
          const bound = bind(again.parameters, again === compiled ? slots : slotsOf(again.parameters), args);
          return db.executeQuery<Simplify<R>>({ query: node, queryId, sql: again.sql, parameters: bound });
        }
        return db.executeQuery<Simplify<R>>({
          query,
          queryId: compiled.queryId,
          sql,
          parameters: bind(parameters, slots, args),
        });
      } catch (error) {
        return Promise.reject(error);
      }
    };
    return Object.assign(run, { sql });
  };
}
