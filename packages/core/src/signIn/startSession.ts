import type { Executor } from '@parley/db/database';
import { insertSession } from '@parley/db/repositories/userSessions';
import { issueToken } from './sessionTokens.js';

export interface StartedSession {
  /** The cookie value, returned once; only its hash is stored. */
  token: string;
  sessionId: string;
  userId: string;
  expiresAt: string;
}

/** Opens a browser session for a user. */
export async function startSession(
  db: Executor,
  user: { id: string; organization_id: string },
  ttlMs: number,
): Promise<StartedSession> {
  const { token, hash } = issueToken('pses');
  const row = await insertSession(db, {
    user_id: user.id,
    organization_id: user.organization_id,
    token_hash: hash,
    expires_at: new Date(Date.now() + ttlMs).toISOString(),
  });
  return { token, sessionId: row.id, userId: user.id, expiresAt: new Date(row.expires_at).toISOString() };
}
