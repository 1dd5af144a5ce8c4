/**
 * Statements that run as named prepared statements on `pg`: PostgreSQL then parses each once per
 * connection and may keep its plan, where an unnamed statement is parsed and planned on every call.
 * Worth it for a large statement that runs very often (a leased claim plans in about a millisecond
 * of database CPU, several times what it takes to run). Keyed by the exact SQL text, which a
 * `preparedQuery` compiles once; the pool (`postgresPool`) looks the text up for every statement.
 * PGlite runs everything in one process and ignores this.
 */
const names = new Map<string, string>();

/** Runs `sqlText` as the prepared statement `name` from now on (a name per text, never reused). */
export function nameStatement(name: string, sqlText: string): void {
  const existing = [...names].find(([text, n]) => n === name && text !== sqlText);
  if (existing) throw new Error(`statement name ${name} is already taken by another statement`);
  names.set(sqlText, name);
}

/** The prepared statement name of a SQL text, if it has one. */
export function statementName(sqlText: string): string | undefined {
  return names.get(sqlText);
}
