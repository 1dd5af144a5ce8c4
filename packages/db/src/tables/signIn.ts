import type { ColumnType } from 'kysely';
import type { CreatedAt, Timestamp, UuidPk } from './columns.js';

/** A browser session: the cookie holds the token, the row only its SHA-256 hash. */
export interface UserSessionsTable {
  id: UuidPk;
  user_id: string;
  organization_id: string;
  token_hash: string;
  inserted_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: string;
  revoked_at: Timestamp | null;
}

/** A one-time sign-in link (15 minutes, used once). */
export interface SignInLinksTable {
  id: UuidPk;
  user_id: string;
  token_hash: string;
  inserted_at: CreatedAt;
  expires_at: string;
  used_at: Timestamp | null;
}

/** A failed password sign-in, counted per account (normalized email) and per IP. */
export interface SignInFailuresTable {
  id: ColumnType<number, never, never>;
  account: string;
  ip: string;
  inserted_at: CreatedAt;
}
