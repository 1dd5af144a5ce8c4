import type { CreatedAt, UuidPk } from './columns.js';

export type PrincipalKind = 'User' | 'Agent';

/** The shared id space of users and agents (see the initial migration). */
export interface PrincipalsTable {
  id: UuidPk;
  kind: PrincipalKind;
  organization_id: string;
  /** Lowercase; `alice` for a user, `alice/helper` for an agent. */
  handle: string;
  inserted_at: CreatedAt;
}
