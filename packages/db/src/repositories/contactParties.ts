import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../database.js';
import type { PrincipalKind } from '../tables/principals.js';

/**
 * The display name of a principal joined as `principal` with its `users` and `agents` rows
 * (either may be null): an agent's name, a user's full name, else the handle (docs/api.md).
 */
export function partyName(principal: string, user: string, agent: string): RawBuilder<string> {
  const ref = (table: string, column: string) => sql.ref(`${table}.${column}`);
  return sql<string>`coalesce(${ref(agent, 'name')}, nullif(trim(concat_ws(' ', ${ref(user, 'first_name')}, ${ref(
    user,
    'last_name',
  )})), ''), ${ref(principal, 'handle')})`;
}

/** One side of a contact relation: a user or an agent, with what others may see of it. */
export interface ContactParty {
  id: string;
  kind: PrincipalKind;
  handle: string;
  name: string;
}

/** The user or agent with this (normalized, lowercase) handle, in any organization. */
export function findPartyByHandle(db: Executor, handle: string): Promise<ContactParty | undefined> {
  return db
    .selectFrom('principals as p')
    .leftJoin('users as u', 'u.id', 'p.id')
    .leftJoin('agents as a', 'a.id', 'p.id')
    .select(['p.id', 'p.kind', 'p.handle', partyName('p', 'u', 'a').as('name')])
    .where('p.handle', '=', handle)
    .executeTakeFirst();
}
