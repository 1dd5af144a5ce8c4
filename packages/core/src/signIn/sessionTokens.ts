import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, with a tag that says what the token is: `pses_…` sessions, `plnk_…` links. */
export function issueToken(tag: 'pses' | 'plnk'): { token: string; hash: string } {
  const token = `${tag}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

/** What the database keeps of a token. The token has 256 bits, so a plain SHA-256 suffices. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const TOKEN_SHAPE = /^(pses|plnk)_[A-Za-z0-9_-]{43}$/;

export function isTokenShaped(token: string, tag: 'pses' | 'plnk'): boolean {
  return TOKEN_SHAPE.test(token) && token.startsWith(`${tag}_`);
}
