import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type KeyKind = 'user' | 'agent';

const KIND_TAG: Record<KeyKind, string> = { user: 'u', agent: 'a' };
const KEY_SHAPE = /^thnv_([ua])_(\d{1,16})_([A-Za-z0-9]{32})$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Characters of the random part kept in the stored, non-secret prefix. */
const PREFIX_RANDOM_CHARS = 8;

export interface IssuedKey {
  /** The whole key, shown once and never stored. */
  key: string;
  /** Non-secret lookup prefix, unique: `thnv_u_<timestamp>_<8 chars>`. */
  prefix: string;
  /** hex SHA-256 of the whole key, what the database keeps. */
  hash: string;
}

function randomBase62(length: number): string {
  // Rejection sampling keeps every character uniformly likely.
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Mints a key in the vendor's format: `thnv_u_<unix seconds>_<32 random base62>` (or `thnv_a_`). */
export function issueKey(kind: KeyKind, now = new Date()): IssuedKey {
  const random = randomBase62(32);
  const timestamp = Math.floor(now.getTime() / 1000);
  const key = `thnv_${KIND_TAG[kind]}_${timestamp}_${random}`;
  return {
    key,
    prefix: `thnv_${KIND_TAG[kind]}_${timestamp}_${random.slice(0, PREFIX_RANDOM_CHARS)}`,
    hash: hashKey(key),
  };
}

/** Splits a presented key; null when it is not shaped like one of ours. */
export function parseKey(key: string): { kind: KeyKind; prefix: string } | null {
  const m = KEY_SHAPE.exec(key);
  if (!m) return null;
  const [, tag, timestamp, random] = m as unknown as [string, string, string, string];
  return {
    kind: tag === 'u' ? 'user' : 'agent',
    prefix: `thnv_${tag}_${timestamp}_${random.slice(0, PREFIX_RANDOM_CHARS)}`,
  };
}

/** Compares a presented key with a stored hash in constant time. */
export function keyMatchesHash(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
