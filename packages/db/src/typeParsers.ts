/**
 * Postgres returns values as text; these turn them into what the API speaks, identically on `pg`
 * and PGlite (which otherwise disagree: int8 is a string on one and a number or BigInt on the other).
 */

export const OID = { int8: 20, timestamp: 1114, timestamptz: 1184 } as const;

const PG_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(?:\+00(?::00)?)?$/;

/**
 * `2025-11-17 11:20:10.2841+00` → `2025-11-17T11:20:10.284100Z`: ISO-8601 UTC with microseconds,
 * the vendor's format. Sessions run with `TimeZone=UTC`, so the offset is always +00.
 */
export function toIsoMicros(text: string): string {
  const m = PG_TIMESTAMP.exec(text);
  if (!m) return new Date(text).toISOString();
  return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(6, '0')}Z`;
}

/** int8 as a JS number: our int8 columns (sequence numbers, counts) stay far below 2^53. */
export function parseInt8(text: string): number {
  return Number(text);
}

export const textParsers: Record<number, (text: string) => unknown> = {
  [OID.int8]: parseInt8,
  [OID.timestamp]: toIsoMicros,
  [OID.timestamptz]: toIsoMicros,
};
